/**
 * Forwarded / merged-message blocks (formats-cn.md §2.2 item 7; unverified in real files): a nested
 * table whose lines carry "sender YYYY-MM-DD H:MM:SS" sub-headers (or the sender on one line and the
 * date-time alone on the next), each followed by that message's lines. Lines before the first
 * sub-header are the block's title.
 */
import type { Message, Timestamp } from "../../src/model/index.js";
import { classifyBody } from "../qq-txt/body.js";
import type { RowDate, RowTime } from "./timestamps.js";

/** One forwarded message found in a block. */
export interface InnerMessage {
  sender: string;
  date: string;
  time: string;
  text: string;
  /** 0-based index of the sub-header line in the block's text (for ordering and ids). */
  line: number;
}

/** A block split into its title and forwarded messages. */
export interface MergedBlock {
  title: string;
  messages: InnerMessage[];
}

const ALONE = /^[ \t]*(\d{4}[-/]\d{1,2}[-/]\d{1,2})[ \t]+(\d{1,2}:\d{2}:\d{2}(?:[ \t]*[AaPp][Mm])?)[ \t]*$/;

const isBlank = (c: number): boolean => c === 32 || c === 9;
const TIME_AT_END = /[ \t](\d{1,2}:\d{2}:\d{2})$/;
const DATE_AT_END = /[ \t](\d{4}[-/]\d{1,2}[-/]\d{1,2})$/;

/**
 * A "sender YYYY-MM-DD H:MM:SS[ AM]" sub-header line, read from its end: the sender is all before the
 * blanks ahead of the date. (As one regex, `^(.*?)[ \t]+date[ \t]+time[ \t]*$` was retried from every
 * position of a long blank run: a line of 40,000 spaces took 0.7 s, 200,000 a minute.)
 */
export function senderDateTime(l: string): { sender: string; date: string; time: string } | undefined {
  let end = l.length;
  while (end > 0 && isBlank(l.charCodeAt(end - 1))) end--;
  let timeEnd = end;
  if (end >= 2 && /[AaPp][Mm]/.test(l.slice(end - 2, end))) {
    timeEnd = end - 2;
    while (timeEnd > 0 && isBlank(l.charCodeAt(timeEnd - 1))) timeEnd--;
  }
  const time = TIME_AT_END.exec(l.slice(Math.max(0, timeEnd - 9), timeEnd));
  if (!time) return undefined;
  let dateEnd = timeEnd - time[1]!.length;
  while (dateEnd > 0 && isBlank(l.charCodeAt(dateEnd - 1))) dateEnd--;
  const date = DATE_AT_END.exec(l.slice(Math.max(0, dateEnd - 11), dateEnd));
  if (!date) return undefined;
  let senderEnd = dateEnd - date[1]!.length;
  while (senderEnd > 0 && isBlank(l.charCodeAt(senderEnd - 1))) senderEnd--;
  return { sender: l.slice(0, senderEnd), date: date[1]!, time: l.slice(timeEnd - time[1]!.length, end) };
}

/** Splits the text of a forwarded block into title and messages. */
export function splitMergedBlock(text: string): MergedBlock {
  const lines = text.split("\n");
  const title: string[] = [];
  const messages: InnerMessage[] = [];
  let cur: { sender: string; date: string; time: string; body: string[]; line: number } | undefined;
  const close = () => {
    if (!cur) return;
    // Trailing blank lines dropped from the array: /\n+$/ on the joined text retried from every line
    // break of a long run that does not end it (quadratic).
    const body = cur.body;
    while (body.length && body[body.length - 1] === "") body.pop();
    messages.push({ sender: cur.sender, date: cur.date, time: cur.time, text: body.join("\n"), line: cur.line });
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const same = senderDateTime(l);
    if (same && same.sender.trim() !== "") {
      close();
      cur = { sender: same.sender.trim(), date: same.date, time: same.time, body: [], line: i };
      continue;
    }
    const next = lines[i + 1];
    const alone = next !== undefined ? ALONE.exec(next) : null;
    if (alone && l.trim() !== "" && !ALONE.test(l)) {
      close();
      cur = { sender: l.trim(), date: alone[1]!, time: alone[2]!, body: [], line: i };
      i++;
      continue;
    }
    if (cur) cur.body.push(l);
    else title.push(l);
  }
  close();
  return { title: title.join("\n").trim(), messages };
}

/** What building nested messages needs from the reader. */
export interface InnerHelpers {
  date(text: string): RowDate | undefined;
  time(text: string): RowTime | undefined;
  stamp(date: RowDate, time: RowTime): Timestamp;
  /** Participant id for a sender text (emitting the participant), or null. */
  sender(text: string): string | null;
}

/** The nested messages of a forwarded block, as Messages under the outer one (`Message.inner`). */
export function innerMessages(blockText: string, outer: Message, h: InnerHelpers): { title: string; inner: Message[] } {
  const block = splitMergedBlock(blockText);
  const start = outer.inner?.length ?? 0;
  const inner = block.messages.map((x, i): Message => {
    const d = h.date(x.date);
    const t = h.time(x.time);
    const raw = `${x.date} ${x.time}`;
    const sentAt: Timestamp = d && t ? h.stamp(d, t) : { raw, basis: "floating", precision: "second" };
    return {
      id: `${outer.id}:m${start + i + 1}`,
      conversationId: outer.conversationId,
      seq: start + i + 1,
      senderId: h.sender(x.sender),
      sentAt,
      kind: classifyBody(x.text, false).kind,
      text: x.text,
      attachments: [],
      reactions: [],
      status: "normal",
      provenance: outer.provenance,
      forwarded: { fromName: x.sender, originalSentAt: sentAt },
    };
  });
  return { title: block.title, inner };
}
