import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { parseHeader } from "./grammar.js";
import { JSON_LINE_START } from "./json-grammar.js";
import { CHAT_FILE, CHAT_IN_EXPORT, JSON_FILE } from "./reader.js";

/**
 * Recognises signal-export's `chat.md` by its header lines, `[YYYY-MM-DD HH:MM:SS] Name:` or the older
 * `[YYYY-MM-DD, HH:MM] Name:`, or a chat folder by its chat.md. The current shape is also what WhatsApp
 * for iOS writes in a few locales (`[2018-06-13 21:25:15]`), so a `.txt` needs the exporter's marks
 * (a `.md` name, `Me:`, `(- reactions -)`, `](./media/` links) to be claimed above whatsapp-txt; the
 * older shape has no seconds, which WhatsApp for iOS always writes (formats-intl.md §1.3). `data.json`
 * by its first line's start, `{"date": "<ISO time>", "sender": "`. A folder is one chat's (chat.md or
 * data.json in it) or the whole export's (one in each chat's folder).
 */
export function detectSignalMd(probe: Probe): DetectResult | null {
  if (probe.listing) {
    const md = probe.listing.includes(CHAT_FILE);
    const own = md || probe.listing.includes(JSON_FILE);
    const chats = own ? 1 : new Set(probe.listing.map((p) => CHAT_IN_EXPORT.exec(p)?.[1]).filter((c) => c !== undefined)).size;
    if (chats === 0) return null;
    const has = (name: string): boolean => (own ? probe.listing!.includes(name) : probe.listing!.some((p) => p.endsWith(`/${name}`) && CHAT_IN_EXPORT.test(p)));
    const files = [CHAT_FILE, JSON_FILE].filter(has);
    const where = own ? "a chat folder" : `${chats} chat folder${chats === 1 ? "" : "s"}`;
    return { confidence: files.length === 2 ? 0.95 : 0.8, variant: own ? "folder" : "export", reason: `${where} with ${files.join(" and ")}, as signal-export writes` };
  }
  if (!probe.text) return null;
  const text = probe.text.replace(/^\uFEFF/, "");
  if (JSON_LINE_START.test(text.trimStart()))
    return { confidence: probe.name.replace(/^.*\//, "") === JSON_FILE ? 0.97 : 0.9, variant: "json", reason: "JSON Lines of signal-export messages (data.json)" };
  const lines = text.split(/\r\n|\n|\r/, 300);
  if (lines.length > 1 && probe.size > probe.head.length) lines.pop();
  // The exporter starts with a header; a few other lines first (a note added by hand, a title) are
  // reported by the parser, and make the claim weaker.
  let h: ReturnType<typeof parseHeader>;
  let before = 0;
  for (const l of lines) {
    if ((h = parseHeader(l))) break;
    if (l.trim() !== "" && ++before > MAX_LINES_BEFORE) return null;
  }
  if (!h) return null;
  let headers = 0;
  for (const l of lines) if (parseHeader(l)?.style === h.style) headers++;
  const marks = probe.extension === ".md" || /(^|\n)\[[^\]\n]*\] Me: |\n\(- .*: .* -\)|\]\(\.\/media\//.test(probe.text);
  const shape = `${headers} signal-export header line${headers === 1 ? "" : "s"} (${h.style === "current" ? "[YYYY-MM-DD HH:MM:SS]" : "[YYYY-MM-DD, HH:MM]"})`;
  const reason = before ? `${shape} after ${before} line${before === 1 ? "" : "s"} that are not` : shape;
  if (h.style === "2019" || marks) {
    const confidence = headers >= 2 ? (before ? 0.7 : 0.97) : before ? 0.5 : 0.75;
    return { confidence, variant: h.style, reason: marks && h.style === "current" ? `${reason} and signal-export's marks` : reason };
  }
  return { confidence: before ? 0.3 : 0.5, variant: h.style, reason: `${reason}; WhatsApp for iOS writes this shape too` };
}

/** Lines other than headers a chat.md may start with and still be claimed. */
const MAX_LINES_BEFORE = 10;
