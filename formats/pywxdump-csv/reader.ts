import { isBlankRecord, readCsvRecords } from "../../src/io/csv-records.js";
import type { EncodingInfo } from "../../src/io/decode.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import type { Conversation } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { PeopleBook } from "../wechat-shared/csv-people.js";
import { conversationId, normalizeSvrid } from "../wechat-shared/ids.js";
import { sketchCsvKeys } from "../wechat-shared/csv-sketch.js";
import { describeColumn, firstTime, isForeignHeader, notMessageExportError, reportHeaderAgain } from "../wechat-shared/csv-columns.js";
import { wmHeaders } from "../wechatmsg-csv/layout.js";
import { COLUMNS, HEADERS, MESSAGE_COLUMNS, pyHeaderFit, pyHeaders, readPyHeader, toPyRow, type PyHeader } from "./layout.js";
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

/** State carried across the page files of one export folder. */
interface ReadState {
  ctx: ReadContext;
  acc: RecordAccounting;
  people: PeopleBook;
  mapper: PyRowMapper;
  contacts: Map<string, import("../wechat-shared/csv-people.js").ContactInfo>;
  conv?: Conversation;
  convSeen: Map<string, number>;
  /** Column reports already made (each unknown or missing column once per read, not once per page file). */
  columnReports: Set<string>;
  /** Each file's encoding, detected by the first pass. */
  encodings: Map<InputSource, EncodingInfo>;
}

/**
 * Reads a PyWxDump CSV (v2 or v3 layout) record by record with papaparse; one conversation per
 * `room_name` run. A folder is read as PyWxDump writes it: every `.csv` in it (page files
 * `{wxid}_{start}_{end}.csv` in name order, a chat's pages continuing one conversation), names from
 * `users.json`. See FORMAT.md.
 */
export async function* readPyWxDumpCsv(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const opts = ctx.options as PyWxDumpOptions;
  const files: InputSource[] = [];
  if (input.kind === "file") files.push(input);
  else {
    const names = (await input.list()).filter((n) => /\.csv$/i.test(n)).sort(pageOrder);
    for (const n of names) {
      const src = await input.open(n);
      if (src) files.push(src);
    }
    if (files.length === 0) throw new ChatportError("unknown-format", `${input.name} holds no .csv file; give a PyWxDump CSV file or its export folder.`);
  }
  const first = files[0]!;
  const contacts = await loadUsersJson(first.parent, dirOf(first.name), ctx);
  const people = new PeopleBook(contacts);
  // First pass: the MsgSvrIDs that may repeat over the whole export (field 1 in both layouts).
  const { sketch: repeats, encodings } = await sketchCsvKeys(files, {
    header: pyHeaders.usable,
    again: pyHeaders.next,
    key: (h, f) => (h.map.index.msgSvrId === undefined ? undefined : normalizeSvrid(f[h.map.index.msgSvrId])),
  });
  const mapper = new PyRowMapper(ctx, { people, repeats, ...(opts.self ? { self: opts.self } : {}), dateOrder: opts.dateOrder ?? "mdy" });
  const st: ReadState = { ctx, acc: { recordsRead: 0, recordsInMessages: 0, recordsStructural: 0, recordsReported: 0 }, people, mapper, contacts, convSeen: new Map(), columnReports: new Set(), encodings };
  for (const f of files) yield* readOne(f, st);
  if (st.conv) yield { type: "conversation-end", conversation: st.conv };
  ctx.account?.({ ...st.acc });
}

/** Page files in numeric order of their start index (`x_5000_10000.csv` after `x_0_5000.csv`). */
function pageOrder(a: string, b: string): number {
  const pa = /^(.*)_(\d+)_(\d+)\.csv$/i.exec(a), pb = /^(.*)_(\d+)_(\d+)\.csv$/i.exec(b);
  if (pa && pb && pa[1] === pb[1]) return Number(pa[2]) - Number(pb[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}

async function* readOne(input: InputSource, st: ReadState): AsyncIterable<ChatEvent> {
  const { ctx, acc, contacts, mapper } = st;
  const file = input.name;
  mapper.setFile(file, input.parent, dirOf(file));
  let header: PyHeader | undefined;
  const encoding = st.encodings.get(input);
  /** Line of a WeChatMsg header met mid-file: the records after it, up to a PyWxDump header, are not read. */
  let foreign: number | undefined;
  for await (const rec of readCsvRecords(input, ctx, encoding ? { encoding } : {})) {
    const blank = isBlankRecord(rec);
    if (!header) {
      if (blank) continue; // leading empty lines are not records
      header = acceptHeader(rec.fields, file, rec.line);
      reportColumns(header, file, rec.line, rec.raw, ctx, st.columnReports);
      continue;
    }
    acc.recordsRead++;
    if (blank) {
      acc.recordsStructural++;
      continue;
    }
    const again = pyHeaders.next(header, rec.fields);
    if (again) {
      acc.recordsStructural++;
      const place = rec.endLine > rec.line ? { line: rec.line, endLine: rec.endLine } : { line: rec.line };
      const same = again === header;
      reportHeaderAgain(ctx, { file, place, raw: rec.raw }, "PyWxDump", same, "pages");
      if (!same) {
        header = again;
        reportColumns(header, file, rec.line, rec.raw, ctx, st.columnReports);
      }
      foreign = undefined;
      continue;
    }
    if (foreign === undefined && isForeignHeader(rec.fields, header.map.index.isSender, wmHeaders.readable)) foreign = rec.line;
    if (foreign !== undefined) {
      acc.recordsReported++;
      ctx.report("unrecognized-record", {
        message:
          foreign === rec.line
            ? `${file} has a WeChatMsg CSV header here inside a PyWxDump CSV (two tools' exports joined into one file?); it and the rows after it are not read as messages: split the file at this line and convert that part with --from wechatmsg-csv.`
            : `Record under the WeChatMsg CSV header at line ${foreign} of this PyWxDump CSV; not read as a message (split the file there and convert that part with --from wechatmsg-csv).`,
        file,
        place: rec.endLine > rec.line ? { line: rec.line, endLine: rec.endLine } : { line: rec.line },
        raw: rec.raw,
      });
      continue;
    }
    const layout = header.layout;
    const row = toPyRow(header, rec.fields);
    if (!row || rec.errors.length) {
      acc.recordsReported++;
      ctx.report("unrecognized-record", {
        message: row
          ? `Record with malformed quoting (${rec.errors.join("; ")}); not read as a message.`
          : `Record with ${rec.fields.length} fields where the ${layout} header has ${header.map.names.length}; not read as a message.`,
        file,
        place: rec.endLine > rec.line ? { line: rec.line, endLine: rec.endLine } : { line: rec.line },
        raw: rec.raw,
      });
      continue;
    }
    const out: ChatEvent[] = [];
    if (!st.conv || st.conv.extra?.roomName !== row.room) {
      if (st.conv) yield { type: "conversation-end", conversation: st.conv };
      const n = (st.convSeen.get(row.room) ?? 0) + 1;
      st.convSeen.set(row.room, n);
      st.conv = {
        id: `${conversationId(row.room || file)}${n > 1 ? `#${n}` : ""}`,
        platform: "wechat",
        kind: row.room.endsWith("@chatroom") ? "group" : row.room ? "direct" : "unknown",
        title: contacts.get(row.room)?.remark || contacts.get(row.room)?.nickname || row.room || file,
        participantIds: [],
        source: file,
        extra: { roomName: row.room, layout },
      };
      mapper.startConversation(st.conv);
      yield { type: "conversation", conversation: st.conv };
    }
    const message = await mapper.map(row, rec, out);
    for (const ev of out) yield ev;
    yield { type: "message", message };
    acc.recordsInMessages++;
  }
}

/** The header of a file, or a clear refusal: not PyWxDump at all, or PyWxDump without a column the reader needs. */
function acceptHeader(cells: string[], file: string, line: number): PyHeader {
  const h = readPyHeader(cells);
  const fit = pyHeaderFit(h);
  if (fit === "not-messages") throw notMessageExportError(file, line, "PyWxDump", h.map.names, MESSAGE_COLUMNS);
  if (!fit)
    throw new ChatportError("unknown-format", `${file} line ${line}: the header is not a PyWxDump CSV header (expected "${HEADERS.v3.join(",")}" or the v2 form with "content"); pass the right --from.`);
  if (h.missing.length) {
    const names = h.missing.map((k) => (k === "msg" ? `"msg" or "content"` : describeColumn(COLUMNS, k)));
    throw new ChatportError(
      "input-damaged",
      `${file} line ${line}: this PyWxDump CSV header has no ${names.join(", no ")} column, which the reader needs to read a message (the header has: ${h.map.names.join(",")}); export the chat again with the column, or restore its name in the header line.`,
    );
  }
  return h;
}

/** Once per read: each column the reader does not know (kept per message in `extra.columns`), and the optional ones it lacks. */
function reportColumns(h: PyHeader, file: string, line: number, raw: string, ctx: ReadContext, done: Set<string>): void {
  for (const u of h.reported)
    if (firstTime(done, `unknown:${u.name}`))
      ctx.report("unknown-column", { message: `${file} has a column "${u.name}" (column ${u.index + 1}) that PyWxDump CSV readers do not know (a newer exporter version?); its value is kept in each message's extra.columns["${u.name}"].`, file, place: { line }, raw });
  if (h.absent.length && firstTime(done, `missing:${h.absent.join(",")}`)) {
    const effects = [h.absent.includes("msgSvrId") ? "message ids come from the line" : "", h.absent.includes("talker") ? "group senders are unknown" : "", h.absent.includes("src") ? "no media paths" : ""].filter(Boolean);
    ctx.report("missing-column", {
      message: `${file} has no ${h.absent.map((k) => describeColumn(COLUMNS, k)).join(", ")} column (another exporter version?); read by column name, those fields are empty${effects.length ? ` (${effects.join(", ")})` : ""}.`,
      file,
      place: { line },
      raw,
    });
  }
}
