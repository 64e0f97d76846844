import { readCsvRecords } from "../../src/io/csv-records.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import type { Conversation } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { PeopleBook } from "../wechat-shared/csv-people.js";
import { conversationId } from "../wechat-shared/ids.js";
import { HEADERS, headerLayout, toPyRow, type PyLayout } from "./layout.js";
import { PyRowMapper } from "./row.js";
import { loadUsersJson } from "./users.js";

/** Where every CSV record went. */
export interface RecordAccounting {
  recordsRead: number;
  recordsInMessages: number;
  recordsStructural: number;
  recordsReported: number;
}

/** The folder part of a "/"-separated relative name ("" for a top-level file). */
export function dirOf(name: string): string {
  const i = name.lastIndexOf("/");
  return i === -1 ? "" : name.slice(0, i);
}

/** Options of the reader. */
export interface PyWxDumpOptions {
  /** The owner's wxid, when `talker` says only `我`. */
  self?: string;
  dateOrder?: "mdy" | "dmy";
}

/**
 * Reads a PyWxDump CSV (v2 or v3 layout) record by record with papaparse; one conversation per
 * `room_name` run. See FORMAT.md.
 */
export async function* readPyWxDumpCsv(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  if (input.kind !== "file") throw new ChatportError("usage", `${input.name} is a folder; pywxdump-csv reads one PyWxDump .csv file.`);
  const opts = ctx.options as PyWxDumpOptions;
  const file = input.name;
  const acc: RecordAccounting = { recordsRead: 0, recordsInMessages: 0, recordsStructural: 0, recordsReported: 0 };
  const contacts = await loadUsersJson(input.parent, dirOf(file), ctx);
  const people = new PeopleBook(contacts);
  const mapper = new PyRowMapper(ctx, {
    file,
    tree: input.parent,
    dir: dirOf(file),
    people,
    ...(opts.self ? { self: opts.self } : {}),
    dateOrder: opts.dateOrder ?? "mdy",
  });
  let layout: PyLayout | undefined;
  let conv: Conversation | undefined;
  const convSeen = new Map<string, number>();
  let headerSeen = false;
  for await (const rec of readCsvRecords(input, ctx)) {
    const blank = rec.fields.length === 1 && rec.fields[0]!.trim() === "";
    if (!headerSeen) {
      if (blank) continue; // leading empty lines are not records
      headerSeen = true;
      layout = headerLayout(rec.fields);
      if (!layout)
        throw new ChatportError("unknown-format", `${file} line ${rec.line}: the header is not a PyWxDump CSV header (expected "${HEADERS.v3.join(",")}" or the v2 form with "content"); pass the right --from.`);
      continue;
    }
    acc.recordsRead++;
    if (blank) {
      acc.recordsStructural++;
      continue;
    }
    const row = toPyRow(layout!, rec.fields);
    if (!row || rec.errors.length) {
      acc.recordsReported++;
      ctx.report("unrecognized-record", {
        message: row
          ? `Record with malformed quoting (${rec.errors.join("; ")}); not read as a message.`
          : `Record with ${rec.fields.length} fields where the ${layout} header has ${HEADERS[layout!].length}; not read as a message.`,
        file,
        place: rec.endLine > rec.line ? { line: rec.line, endLine: rec.endLine } : { line: rec.line },
        raw: rec.raw,
      });
      continue;
    }
    const out: ChatEvent[] = [];
    if (!conv || conv.extra?.roomName !== row.room) {
      if (conv) yield { type: "conversation-end", conversation: conv };
      const n = (convSeen.get(row.room) ?? 0) + 1;
      convSeen.set(row.room, n);
      conv = {
        id: `${conversationId(row.room || file)}${n > 1 ? `#${n}` : ""}`,
        platform: "wechat",
        kind: row.room.endsWith("@chatroom") ? "group" : row.room ? "direct" : "unknown",
        title: contacts.get(row.room)?.remark || contacts.get(row.room)?.nickname || row.room || file,
        participantIds: [],
        source: file,
        extra: { roomName: row.room, layout },
      };
      mapper.startConversation(conv);
      yield { type: "conversation", conversation: conv };
    }
    const message = await mapper.map(row, rec, out);
    for (const ev of out) yield ev;
    yield { type: "message", message };
    acc.recordsInMessages++;
  }
  if (conv) yield { type: "conversation-end", conversation: conv };
  ctx.account?.({ ...acc });
}
