/**
 * Row kinds of the chat table (formats-cn.md §2.2): title, 消息分组, 消息对象, spacer, date row, message
 * row, and a forwarded-message block. Pure functions over one row tree.
 */
import { normText, plainText } from "./content.js";
import type { HElement, HNode } from "./html-rows.js";

/** The sender/time header of a message row. */
export interface MessageHeader {
  /** The sender cell's text (`Name(12345)`, `Name<mail>` — entities decoded — or ""). */
  sender: string;
  /** The time text after it (`4:36:46`, `4:36:46 AM`), NBSP made a space, trimmed. */
  time: string;
  /** The header colour (`#006EFE`, `#42B475`), when the style has one. */
  color?: string;
}

/** What a row is. */
export type RowKind =
  | { kind: "title"; text: string }
  | { kind: "group"; name: string }
  | { kind: "object"; name: string }
  | { kind: "spacer" }
  | { kind: "date"; text: string }
  | { kind: "message"; header: MessageHeader; content: HNode[] }
  | { kind: "merged-block"; content: HNode[] }
  | { kind: "unknown"; reason: string };

// Labels, with the TIM resource-key aliases (§2.4) and a fullwidth colon accepted.
const GROUP = /^(?:消息分组|MSGMGR_MSGFOLDER)\s*[:：=]\s*([\s\S]*)$/;
const OBJECT = /^(?:消息对象|MSGMGR_MSGOBJ)\s*[:：=]\s*([\s\S]*)$/;
const TITLE = /^(?:消息记录|MSGMGR_MSGREC)(?:[（(].*[)）])?$/;
const DATE = /^(?:日期|Date)\s*[:：]\s*(.+)$/i;

const elements = (nodes: HNode[]): HElement[] => nodes.filter((n): n is HElement => typeof n !== "string");
const isBlank = (n: HNode): boolean => typeof n === "string" && normText(n).trim() === "";

function hasElement(nodes: HNode[], name: string): boolean {
  for (const n of nodes) if (typeof n !== "string" && (n.name === name || hasElement(n.children, name))) return true;
  return false;
}

/** Splits a message header `<div style=color:…><div style=float:left…>sender</div>time</div>`. */
function messageHeader(first: HElement): MessageHeader | undefined {
  if (first.name !== "div") return undefined;
  const kids = first.children.filter((n) => !isBlank(n));
  const senderDiv = kids[0];
  if (!senderDiv || typeof senderDiv === "string" || senderDiv.name !== "div") return undefined;
  if (elements(senderDiv.children).some((e) => e.name !== "font" && e.name !== "span" && e.name !== "b")) return undefined;
  const time = normText(plainText(kids.slice(1))).trim();
  const color = /(?:^|;)\s*color\s*:\s*(#[0-9a-fA-F]{3,8}|[a-zA-Z]+)/.exec(first.attribs.style ?? "")?.[1];
  return { sender: normText(plainText(senderDiv.children)).replace(/\n/g, " ").trim(), time, ...(color ? { color } : {}) };
}

/** Classifies one `<tr>` row tree. */
export function classifyRow(tr: HElement): RowKind {
  const cells = elements(tr.children).filter((e) => e.name === "td" || e.name === "th");
  const stray = tr.children.filter((n) => typeof n === "string" && !isBlank(n));
  if (cells.length === 0) return stray.length ? { kind: "unknown", reason: "text in a row without a cell" } : { kind: "spacer" };
  const extraCells = cells.slice(1).filter((c) => plainText(c.children).trim() !== "" || hasElement(c.children, "img"));
  if (extraCells.length > 0 || stray.length > 0) return { kind: "unknown", reason: "a row with more than one filled cell" };
  const td = cells[0]!;
  const kids = td.children.filter((n) => !isBlank(n));
  const first = kids[0];
  if (first && typeof first !== "string") {
    const header = messageHeader(first);
    if (header) return { kind: "message", header, content: kids.slice(1) };
  }
  const text = normText(plainText(td.children)).trim();
  let m: RegExpExecArray | null;
  if ((m = GROUP.exec(text))) return { kind: "group", name: m[1]!.trim() };
  if ((m = OBJECT.exec(text))) return { kind: "object", name: m[1]!.trim() };
  if ((m = DATE.exec(text))) return { kind: "date", text: m[1]!.trim() };
  if (TITLE.test(text)) return { kind: "title", text };
  if (hasElement(td.children, "table")) return { kind: "merged-block", content: td.children };
  if (text === "" && !hasElement(td.children, "img")) return { kind: "spacer" };
  return { kind: "unknown", reason: "a row that is neither a message, a date nor a section label" };
}
