import { shortHash } from "../../src/io/hash.js";

/**
 * Ids shared by every WeChat reader, so the same message or person read from two devices gets the same
 * id (DESIGN.md §3: ids are strings, 64-bit values never pass through JS numbers).
 *
 * - participant: `wechat:<username>` (username = wxid_…, a custom id, `…@chatroom`, `gh_…`);
 * - conversation: `wechat-chat:<username>` of the chat partner or group;
 * - message: the server id (`MsgSvrID` / `server_id` / `msgSvrId`) as an unsigned decimal string, which
 *   is what a quote's `<refermsg><svrid>` and a recall's `<newmsgid>` name, so `replyTo` links without a
 *   lookup; a message with no server id (0 or absent) or a repeated one gets `<reader>:<hash of file, table,
 *   row>` instead.
 */
export function participantId(username: string): string {
  return `wechat:${idPart(username)}`;
}

/** Conversation id for a chat partner's or group's username. */
export function conversationId(username: string): string {
  return `wechat-chat:${idPart(username)}`;
}

/** Longer than any username WeChat gives (wxids and `…@chatroom` ids are under 40 characters). */
const LONG_USERNAME = 64;

/**
 * A username as it goes into an id; one longer than any WeChat writes (a damaged or crafted CSV cell of
 * megabytes) as `#<hash>`: the id is repeated in every message, reply and list of the output (a 4 MB
 * PyWxDump room_name made a 36 MB JSON and a 310 MiB process). The text stays where the reader keeps the
 * username (handles, extra).
 */
function idPart(username: string): string {
  return username.length > LONG_USERNAME ? `#${shortHash(username)}` : username;
}

/**
 * Normalises a server id to an unsigned 64-bit decimal string; undefined for 0, empty or non-numeric.
 * Databases store it signed (a negative value is the same id as its two's-complement unsigned form).
 */
const SIMPLE_ID = /^[1-9]\d{0,18}$/;

export function normalizeSvrid(value: bigint | string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  let v: bigint;
  try {
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) return undefined;
      v = BigInt(value);
    } else if (typeof value === "bigint") v = value;
    else {
      // The common case: a positive decimal below 2^64 without leading zeros is its own normal form.
      if (SIMPLE_ID.test(value)) return value;
      const t = value.trim();
      if (!/^-?\d+$/.test(t)) return undefined;
      v = BigInt(t);
    }
  } catch {
    return undefined;
  }
  if (v === 0n) return undefined;
  return BigInt.asUintN(64, v).toString();
}

/** The fallback message id for a row without a usable server id. */
export function localMessageId(readerId: string, file: string, table: string, rowid: string): string {
  return `${readerId}:${shortHash(file, table, rowid)}`;
}

/**
 * True for an 18- to 20-digit integer whose digits past the 15th are all 0: what a spreadsheet keeps of
 * a server id it saved as a number (15 significant digits, `7330772355966176003` → `7330772355966170000`).
 * Such a value names no message: used as an id it would collide with its neighbours and never match the
 * database readers' id. A real id looks like this one time in 1,000 (18 digits) to 100,000 (20); it then
 * keeps its CSV id, which is only a lost link. (16- and 17-digit ids are not judged: one in 10 or 100.)
 */
export function looksRounded(t: string): boolean {
  const m = /^-?([1-9]\d{17,19})$/.exec(t);
  return m !== null && /^0+$/.test(m[1]!.slice(15));
}
