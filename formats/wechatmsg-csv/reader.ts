import { ChatportError } from "../../src/diagnostics/errors.js";
import { isBlankRecord, readCsvRecords } from "../../src/io/csv-records.js";
import { shortHash } from "../../src/io/hash.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { Conversation, Place } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { PeopleBook } from "../wechat-shared/csv-people.js";
import { epochTimestamp, exportWallTimestamp, type ExportTimeState } from "../wechat-shared/export-time.js";
import { conversationId } from "../wechat-shared/ids.js";
import { buildWechatMessage } from "../wechat-shared/message.js";
import { sketchCsvKeys } from "../wechat-shared/csv-sketch.js";
import { RepeatGuard } from "../wechat-shared/repeats.js";
import { describeColumn, firstTime, isForeignHeader, notMessageExportError, reportHeaderAgain } from "../wechat-shared/csv-columns.js";
import { pyHeaders } from "../pywxdump-csv/layout.js";
import { COLUMNS, HEADER, MESSAGE_COLUMNS, readWmHeader, toWmRow, wmHeaderFit, wmHeaders, type WmHeader, type WmRow } from "./layout.js";
import { looksRounded, messageId, RecallTargets, recordServerId, rowKey, type FirstPass } from "./message-ids.js";

/** Options of the reader. */
export interface WechatMsgOptions {
  self?: string;
  contact?: string;
  dateOrder?: "mdy" | "dmy";
}

/**
 * The chat a WeChatMsg CSV belongs to. The file has no conversation column: the exporter writes one file
 * per chat, `data/聊天记录/<Remark>/<Remark>_utf8.csv`, or (later MemoTrace builds) `<Remark>(<wxid>)/<Remark>.csv`.
 */
export function chatIdentity(name: string, contact?: string): { wxid?: string; title: string } {
  const parts = name.split("/");
  const base = (parts[parts.length - 1] ?? name).replace(/\.csv$/i, "").replace(/_utf8$/, "");
  const folder = parts.length > 1 ? parts[parts.length - 2]! : "";
  const m = /^(.*)\(([^()]+)\)$/.exec(folder) ?? /^(.*)\(([^()]+)\)$/.exec(base);
  const wxid = contact ?? m?.[2];
  const title = m?.[1] || base || name;
  return wxid ? { wxid, title } : { title };
}

type Accounting = { recordsRead: number; recordsInMessages: number; recordsStructural: number; recordsReported: number };

/**
 * Reads a WeChatMsg / MemoTrace CSV, record by record; a folder (WeChatMsg's `聊天记录/`) is read file by
 * file, each CSV one conversation. See FORMAT.md.
 */
export async function* readWechatMsgCsv(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const acc: Accounting = { recordsRead: 0, recordsInMessages: 0, recordsStructural: 0, recordsReported: 0 };
  const people = new PeopleBook();
  // Column reports already made in this read: a folder of files from one exporter reports each once.
  const columnReports = new Set<string>();
  const files: InputSource[] = [];
  if (input.kind === "file") files.push(input);
  else {
    const names = (await input.list()).filter((n) => /\.csv$/i.test(n));
    if (names.length === 0) throw new ChatportError("unknown-format", `${input.name} holds no .csv file; give a WeChatMsg CSV file or its export folder.`);
    for (const n of names) {
      const src = await input.open(n);
      if (src) files.push(src);
    }
  }
  // First pass, over every file: the keys that may repeat (a server id is one message wherever it is, so
  // its repeats are looked for over the whole read; a row's localId key only within its file), and the
  // server ids recall notices name. A key of a row that does not fit is harmless: the row claims nothing.
  const recalls = new RecallTargets(ctx, input.name);
  const { sketch, encodings } = await sketchCsvKeys(files, {
    header: wmHeaders.usable,
    again: wmHeaders.next,
    key: (h, f) => {
      recalls.note(h, f);
      return recordServerId(h, f) ?? rowKey(h, f);
    },
  });
  const first: FirstPass = { sketch, encodings, serverIds: new RepeatGuard(sketch), recalls, scope: input.kind === "file" ? "file" : "export folder" };
  for (const f of files) yield* readOne(f, ctx, acc, people, columnReports, first);
  ctx.account?.({ ...acc });
}

/** The header of a file, or a clear refusal: not WeChatMsg at all, or WeChatMsg without a column the reader needs. */
function acceptHeader(cells: string[], file: string, line: number): WmHeader {
  const h = readWmHeader(cells);
  const fit = wmHeaderFit(h);
  if (fit === "not-messages") throw notMessageExportError(file, line, "WeChatMsg/MemoTrace", h.map.names, MESSAGE_COLUMNS);
  if (!fit)
    throw new ChatportError("unknown-format", `${file} line ${line}: the header is not a WeChatMsg CSV header (expected columns such as "${HEADER.join(",")}"); pass the right --from.`);
  if (h.missing.length) {
    const names = h.missing.map((k) => (k === "createTime" ? `${describeColumn(COLUMNS, "createTime")} or "StrTime"` : describeColumn(COLUMNS, k)));
    throw new ChatportError(
      "input-damaged",
      `${file} line ${line}: this WeChatMsg CSV header has no ${names.join(", no ")} column, which the reader needs to read a message (the header has: ${h.map.names.join(",")}); export the chat again with the column, or restore its name in the header line.`,
    );
  }
  return h;
}

async function* readOne(input: InputSource, ctx: ReadContext, acc: Accounting, people: PeopleBook, columnReports: Set<string>, first: FirstPass): AsyncIterable<ChatEvent> {
  const opts = ctx.options as WechatMsgOptions;
  const file = input.name;
  const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
  const chat: { wxid?: string; title: string } = chatIdentity(file, opts.contact);
  const encoding = first.encodings.get(input)!;
  const ids = new RepeatGuard(first.sketch); // localId keys: per file
  /** A rounded MsgSvrID column is reported once per file (message-ids.ts looksRounded). */
  let roundedReported = false;
  const time: ExportTimeState = {};
  const senders = new Set<string>();
  let selfWxid: string | null | undefined = opts.self;
  let conv: Conversation | undefined;
  let seq = 0;
  let header: WmHeader | undefined;
  let shortReported = false;
  /** Line of a PyWxDump header met mid-file: the records after it, up to a WeChatMsg header, are not read. */
  let foreign: number | undefined;
  for await (const rec of readCsvRecords(input, ctx, { encoding })) {
    const blank = isBlankRecord(rec);
    if (!header) {
      if (blank) continue;
      header = acceptHeader(rec.fields, file, rec.line);
      reportColumns(header, file, rec.line, rec.raw, ctx, columnReports);
      continue;
    }
    acc.recordsRead++;
    if (blank) {
      acc.recordsStructural++;
      continue;
    }
    const place: Place = rec.endLine > rec.line ? { line: rec.line, endLine: rec.endLine } : { line: rec.line };
    const again = wmHeaders.next(header, rec.fields);
    if (again) {
      acc.recordsStructural++;
      const same = again === header;
      reportHeaderAgain(ctx, { file, place, raw: rec.raw }, "WeChatMsg", same, "exports");
      if (!same) {
        header = again;
        reportColumns(header, file, rec.line, rec.raw, ctx, columnReports);
      }
      foreign = undefined;
      continue;
    }
    if (foreign === undefined && isForeignHeader(rec.fields, header.map.index.type, pyHeaders.readable)) foreign = rec.line;
    if (foreign !== undefined) {
      acc.recordsReported++;
      ctx.report("unrecognized-record", {
        message:
          foreign === rec.line
            ? `${file} has a PyWxDump CSV header here inside a WeChatMsg CSV (two tools' exports joined into one file?); it and the rows after it are not read as messages: split the file at this line and convert that part with --from pywxdump-csv.`
            : `Record under the PyWxDump CSV header at line ${foreign} of this WeChatMsg CSV; not read as a message (split the file there and convert that part with --from pywxdump-csv).`,
        file,
        place,
        raw: rec.raw,
      });
      continue;
    }
    const row = toWmRow(header, rec.fields);
    if (!row || rec.errors.length) {
      acc.recordsReported++;
      ctx.report("unrecognized-record", {
        message: row ? `Record with malformed quoting (${rec.errors.join("; ")}); not read as a message.` : `Record with ${rec.fields.length} fields where ${header.map.exact ? "WeChatMsg writes" : "the header has"} ${header.map.names.length}${header.shortWidth !== undefined ? ` (or ${header.shortWidth} for older private chats)` : ""}; not read as a message.`,
        file,
        place,
        raw: rec.raw,
      });
      continue;
    }
    if (row.short && !shortReported) {
      shortReported = true;
      ctx.report("count-mismatch", {
        message: `${file} has rows with ${header.shortWidth} fields under its ${header.map.names.length}-column header (older WeChatMsg private-chat export: no Remark/NickName/Sender); read by position.`,
        file,
        place,
        raw: rec.raw,
      });
    }
    const out: ChatEvent[] = [];
    if (!conv) {
      // A version that also writes MSG's StrTalker names the chat when the file name does not.
      const talker = chat.wxid ? undefined : header.strTalker !== undefined ? rec.fields[header.strTalker]?.trim() : undefined;
      if (talker) chat.wxid = talker;
      conv = {
        id: chat.wxid ? conversationId(chat.wxid) : `wechatmsg-csv:${shortHash(file)}`,
        platform: "wechat",
        kind: chat.wxid?.endsWith("@chatroom") ? "group" : "unknown",
        title: chat.title,
        participantIds: [],
        source: file,
        ...(chat.wxid ? { extra: { username: chat.wxid } } : {}),
      };
      yield { type: "conversation", conversation: conv };
    }
    const type = /^\d+$/.test(row.type.trim()) ? Number(row.type) : -1;
    const subType = /^\d+$/.test(row.subType.trim()) ? Number(row.subType) : 0;
    const senderId = sender(row, type);
    if (senderId) senders.add(senderId);
    for (const ev of out) yield ev;
    const exact = epochTimestamp(row.createTime, "s", ctx, row.strTime);
    if (!exact && row.createTime.trim() !== "")
      ctx.report("invalid-timestamp", { message: `CreateTime "${row.createTime}" is not an epoch in seconds (years 0000–9999); the time comes from StrTime "${row.strTime}" instead.`, file, place, raw: rec.raw });
    const sentAt = exact ?? exportWallTimestamp(row.strTime, ctx, file, place, time, opts.dateOrder);
    const svrid = recordServerId(header, rec.fields);
    if (!roundedReported && header.msgSvrId !== undefined && looksRounded(rec.fields[header.msgSvrId]?.trim() ?? "")) {
      roundedReported = true;
      ctx.report("invalid-id", {
        message: `MsgSvrID "${rec.fields[header.msgSvrId]!.trim()}" ends in zeros past its 15th digit: a spreadsheet saved the column as numbers and rounded the server ids. Such rows keep ids from their localId (later ones are not reported); export the chat again, or open the CSV with the column as text, to link them to the database's ids.`,
        file, place, raw: rec.raw,
      });
    }
    const id = messageId(row, svrid, ids, first, { file, place, raw: rec.raw, line: rec.line }, ctx);
    const extra: Record<string, unknown> = { localId: row.localId, talkerId: row.talkerId, isSender: row.isSender, status: row.status, strTime: row.strTime };
    if (row.short) extra.shortRow = true;
    else Object.assign(extra, { remark: row.remark, nickName: row.nickName, sender: row.sender });
    if (row.columns) extra.columns = row.columns;
    const { message, recalls } = await buildWechatMessage(
      {
        id, conversationId: conv.id, seq: ++seq, senderId, sentAt, type, subType, content: row.strContent, file, place, provenance: ctx.provenance(file, place), extra,
        ...(first.recalls.has(svrid) ? { recalled: true } : {}),
      },
      { ctx, tree: input.parent, bases: dir ? [dir, ""] : [""] },
    );
    const label = (message.extra?.wechatType as { label?: string } | undefined)?.label;
    if (!recalls && (label === "recall" || (type === 10000 && /撤回了一条消息/.test(message.text)))) message.status = "recalled";
    if (message.kind === "unknown" && message.raw === undefined) message.raw = rec.raw;
    yield { type: "message", message };
    acc.recordsInMessages++;

    function sender(r: WmRow, type: number): string | null {
      const wxid = r.sender.trim();
      const names = [r.remark, r.nickName];
      if (r.isSender.trim() === "1") {
        if (selfWxid === undefined) selfWxid = wxid || null;
        return people.person(selfWxid ?? undefined, true, out, wxid === selfWxid ? names : []);
      }
      if (wxid) return people.person(wxid, wxid === selfWxid, out, names);
      if (type === 10000 || type === 10002) return null;
      if (conv!.kind !== "group")
        return chat.wxid ? people.person(chat.wxid, false, out, [chat.title]) : people.named(`wechatmsg-csv:contact:${shortHash(file)}`, chat.title, out);
      return null;
    }
  }
  if (conv) {
    const others = [...senders].filter((s) => !people.get(s)?.isSelf);
    const kind = conv.kind !== "unknown" ? conv.kind : others.length > 1 ? "group" : "direct";
    yield { type: "conversation-end", conversation: { ...conv, kind } };
  }
}

/** Once per read: each column the reader does not know (kept per message in `extra.columns`), and the optional ones it lacks. */
function reportColumns(h: WmHeader, file: string, line: number, raw: string, ctx: ReadContext, done: Set<string>): void {
  for (const u of h.reported)
    if (firstTime(done, `unknown:${u.name}`))
      ctx.report("unknown-column", { message: `${file} has a column "${u.name}" (column ${u.index + 1}) that WeChatMsg CSV readers do not know (a newer exporter version?); its value is kept in each message's extra.columns["${u.name}"].`, file, place: { line }, raw });
  if (h.absent.length && firstTime(done, `missing:${h.absent.join(",")}`))
    ctx.report("missing-column", {
      message: `${file} has no ${h.absent.map((k) => describeColumn(COLUMNS, k)).join(", ")} column (another exporter version?); read by column name, those fields are empty${h.absent.includes("localId") ? " and message ids come from the line" : ""}${h.absent.includes("createTime") ? " and times are StrTime wall clocks" : ""}.`,
      file,
      place: { line },
      raw,
    });
}
