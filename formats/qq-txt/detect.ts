import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { GROUP_LABEL, SEPARATOR, TITLE_LINE, parseHeaderLine } from "./grammar.js";

/**
 * Recognises a QQ TXT export by its title line or section block, else by header lines
 * (`YYYY-MM-DD H:MM:SS sender`) that follow empty lines.
 */
export function detectQqTxt(probe: Probe): DetectResult | null {
  if (!probe.text) return null;
  const lines = probe.text.replace(/^\uFEFF/, "").split(/\r?\n/, 400);
  const first = lines.find((l) => l.trim() !== "") ?? "";
  if (TITLE_LINE.test(first)) return { confidence: 0.98, variant: "with-header", reason: "QQ 消息管理器 title line" };
  for (let i = 0; i + 1 < lines.length; i++)
    if (SEPARATOR.test(lines[i]!) && GROUP_LABEL.test(lines[i + 1]!)) return { confidence: 0.95, variant: "with-header", reason: "消息分组 section block" };
  let headers = 0, after = 0;
  for (let i = 0; i < lines.length; i++) {
    const h = parseHeaderLine(lines[i]!);
    if (!h || h.sender === "") continue;
    headers++;
    if (i === 0 || lines[i - 1]!.trim() === "") after++;
  }
  if (after >= 3 && after >= headers * 0.8) return { confidence: 0.85, variant: "headerless", reason: `${after} header lines "date time sender" after empty lines, no title` };
  if (after >= 1 && parseHeaderLine(first)?.sender) return { confidence: 0.6, variant: "headerless", reason: "first line is a QQ message header" };
  return null;
}
