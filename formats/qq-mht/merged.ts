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

const SAME_LINE = /^(.*?)[ \t]+(\d{4}[-/]\d{1,2}[-/]\d{1,2})[ \t]+(\d{1,2}:\d{2}:\d{2}(?:[ \t]*[AaPp][Mm])?)[ \t]*$/;
const ALONE = /^[ \t]*(\d{4}[-/]\d{1,2}[-/]\d{1,2})[ \t]+(\d{1,2}:\d{2}:\d{2}(?:[ \t]*[AaPp][Mm])?)[ \t]*$/;

/** Splits the text of a forwarded block into title and messages. */
export function splitMergedBlock(text: string): MergedBlock {
  const lines = text.split("\n");
  const title: string[] = [];
  const messages: InnerMessage[] = [];
  let cur: { sender: string; date: string; time: string; body: string[]; line: number } | undefined;
  const close = () => {
    if (cur) messages.push({ sender: cur.sender, date: cur.date, time: cur.time, text: cur.body.join("\n").replace(/\n+$/, ""), line: cur.line });
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const same = SAME_LINE.exec(l);
    if (same && same[1]!.trim() !== "") {
      close();
      cur = { sender: same[1]!.trim(), date: same[2]!, time: same[3]!, body: [], line: i };
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
