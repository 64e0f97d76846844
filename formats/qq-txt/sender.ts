/**
 * Sender part of a QQ TXT header: `【title】Name(id)`, `Name<email>`, `(id)`, `Name` (formats-cn.md §1.5).
 */

/** A parsed sender. */
export interface SenderParts {
  /** Display name as shown, title removed; may be "". */
  name: string;
  /** The `【…】` group title/honour, without brackets. */
  title?: string;
  /** QQ number or e-mail account, when present. */
  id?: string;
  idKind?: "qq" | "email";
}

// The id is the LAST bracketed group anchored at the end: nicknames may contain parentheses themselves
// ("你要小鱼干吗Ｏ(≧▽≦)Ｏ(<QQ>)", formats-cn.md §1.5).
const TRAILING_ID = /^(.*?)(?:\(([^()]*)\)|<([^<>]*)>)$/s;
const QQ_NUMBER = /^\d{4,12}$/;
const EMAIL = /^[^\s@()<>]+@[^\s@()<>]+$/;
const TITLE = /^【([^】]*)】/;

/**
 * Where `text` ends once trailing spaces and tabs are dropped. A loop, not `/[ \t]+$/`: V8 retries that
 * regex from every blank of a run that does not end the line, quadratic on a header holding 300,000
 * spaces before the name (44 s).
 */
function endWithoutBlanks(text: string): number {
  let end = text.length;
  for (let c = text.charCodeAt(end - 1); c === 32 || c === 9; c = text.charCodeAt(end - 1)) end--;
  return end;
}

/** Splits a sender string. Brackets that do not hold a QQ number or e-mail stay part of the name. */
export function parseSender(text: string): SenderParts {
  let rest = text.slice(0, endWithoutBlanks(text));
  let title: string | undefined;
  const t = TITLE.exec(rest);
  if (t) {
    title = t[1];
    rest = rest.slice(t[0].length);
  }
  const m = TRAILING_ID.exec(rest);
  if (m) {
    const id = (m[2] ?? m[3] ?? "").trim();
    const kind = QQ_NUMBER.test(id) ? "qq" : EMAIL.test(id) ? "email" : undefined;
    if (kind) return { name: m[1]!, ...(title !== undefined ? { title } : {}), id, idKind: kind };
  }
  return { name: rest, ...(title !== undefined ? { title } : {}) };
}

/** QQ's system accounts: 10000 (group notices) and 1000000 (member joins etc.). */
export const SYSTEM_IDS = new Set(["10000", "1000000"]);
