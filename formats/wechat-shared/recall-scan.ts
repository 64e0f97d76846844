import type { ReadContext } from "../../src/plugin/types.js";
import { decodePayload } from "./payload.js";
import { splitSenderPrefix } from "./sender-prefix.js";

/**
 * The server ids that recall notices name (`<sysmsg type="revokemsg">…<newmsgid>`, formats-cn.md §9.2),
 * from the contents of a conversation's candidate notice rows (a database query narrows them with
 * `LIKE '%newmsgid%'`, so this set stays small). Notices are decoded quietly: the rows are decoded again,
 * with diagnostics, when they are read as messages.
 */
export function recallTargets(contents: Iterable<string>, ctx: ReadContext, file: string): Set<string> {
  const out = new Set<string>();
  const quiet: ReadContext = { ...ctx, report: () => {} };
  const place = { pointer: "" };
  for (const text of contents) {
    const body = splitSenderPrefix(text).body;
    const p = decodePayload(10002, 0, body, { ctx: quiet, file, place, provenance: { reader: ctx.readerId, readerVersion: ctx.readerVersion, file, at: place }, messageId: "", conversationId: "" });
    if (p.recalls) out.add(p.recalls);
  }
  return out;
}
