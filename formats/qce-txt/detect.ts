import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { BANNER, CONTENT_LINE, TIME_LINE, TITLE, isNameLine, parseHeaderField } from "./grammar.js";

/**
 * Recognises a QCE TXT export by its banner or `QQ聊天记录导出文件` box with the `聊天名称:` field,
 * else (a file whose header was cut) by `<name>:` / `时间:` / `内容:` line triples.
 */
export function detectQceTxt(probe: Probe): DetectResult | null {
  if (!probe.text) return null;
  const lines = probe.text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 2000);
  // The last line of the head may be cut mid-line.
  if (lines.length > 1 && probe.size > probe.head.length) lines.pop();
  let banner = false, title = false, name = false;
  let triples = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (i < 20 && BANNER.test(l)) banner = true;
    else if (i < 40 && TITLE.test(l)) title = true;
    else if (i < 60 && parseHeaderField(l)?.key === "聊天名称") name = true;
    else if (isNameLine(l) && TIME_LINE.test(lines[i + 1] ?? "") && CONTENT_LINE.test(lines[i + 2] ?? "")) triples++;
  }
  if ((banner || title) && name) return { confidence: 0.97, variant: "with-header", reason: "QCE banner / 'QQ聊天记录导出文件' box and 聊天名称" };
  if ((banner || title) && triples > 0) return { confidence: 0.9, variant: "with-header", reason: `QCE banner or title box and ${triples} name/时间/内容 blocks` };
  if (triples >= 2) return { confidence: 0.7, variant: "headerless", reason: `${triples} name/时间/内容 blocks, no QCE header` };
  if (triples === 1 && isNameLine(lines.find((l) => l.trim() !== "") ?? "")) return { confidence: 0.5, variant: "headerless", reason: "starts with a name/时间/内容 block" };
  return null;
}
