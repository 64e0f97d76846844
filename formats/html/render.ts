import { displayTimestamp } from "../../src/model/display.js";
import type { Attachment, Conversation, Message, Participant, Timestamp } from "../../src/model/index.js";
import { clip, escapeAttr, escapeHtml as e, escapeLongText, isPlain, type EscapeMemo } from "./escape.js";
import type { PlacedMedia } from "./media.js";

/** What the renderer remembers of a message, for quoting it in later replies. */
export interface Remembered {
  no: string;
  sender: string;
  text: string;
  conversationId: string;
}

/** Messages remembered for reply quotes: the most recent ones, so memory stays bounded. */
export class ReplyMemory {
  private readonly map = new Map<string, { r: Remembered; seq: number }>();
  // Insertion order as a queue of (id, seq): evicting the oldest is O(1). (Map#keys().next() after many
  // deletes walks over the deleted slots, which made this quadratic on large inputs.) A re-remembered id
  // moves to the newest end, as before: its older queue entry is stale and skipped.
  private queue: (string | number)[] = [];
  private head = 0;
  private seq = 0;
  private off = false;
  constructor(private readonly limit = 20_000) {}
  /** Stops remembering: the caller knows no message replies to another (counted up front). */
  disable(): void {
    this.off = true;
  }
  get enabled(): boolean {
    return !this.off;
  }
  remember(id: string, r: Remembered): void {
    if (this.off) return;
    const seq = ++this.seq;
    this.map.set(id, { r, seq });
    this.queue.push(id, seq);
    while (this.map.size > this.limit) {
      const old = this.queue[this.head] as string, oldSeq = this.queue[this.head + 1] as number;
      this.head += 2;
      if (this.map.get(old)?.seq === oldSeq) this.map.delete(old);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
  get(id: string): Remembered | undefined {
    return this.map.get(id)?.r;
  }
}

/** Everything a message needs besides itself. */
export interface RenderContext {
  participant(id: string): Participant | undefined;
  replies: ReplyMemory;
  media: Map<Attachment, PlacedMedia>;
  /** Counts placeholders shown (completeness statement). */
  placeholders: { n: number };
  /** Remembers the escaped forms of repeated strings (names, kinds, files), when given. */
  memo?: EscapeMemo;
}

/** escapeHtml through the context's memo, for strings that repeat. */
const er = (rc: RenderContext, s: string): string => (rc.memo ? rc.memo.get(s) : e(s));

/** The sender's display name as the message shows it. */
export function senderName(m: Message, p: Participant | undefined): string {
  return (m.extra?.senderName as string | undefined) ?? p?.displayName ?? (m.senderId ?? "");
}

/** A timestamp in full, with its offset, or a visible "zone unknown"; the basis when it was assumed. */
export function renderTime(ts: Timestamp): string {
  // The common case (a wall clock with its offset, not floating) without building the display string:
  // its tail after the wall clock repeats from message to message, so its escaped form is kept.
  // escapeHtml works character by character, so escaping the wall and the tail apart gives the same
  // bytes when neither needs a bidi isolate.
  if (ts.wall && ts.offset && ts.basis !== "floating") {
    const tail = timeTail(ts.offset, ts.zone);
    if (tail !== undefined && plainWall(ts.wall)) {
      const wall = ts.wall.replace("T", " ");
      return ts.basis === "assumed-zone" ? `<time>${wall}${tail}</time> <span class="assumed">zone assumed</span>` : `<time>${wall}${tail}</time>`;
    }
  }
  const shown = displayTimestamp(ts);
  if (ts.basis === "floating" && shown.endsWith(" (zone unknown)"))
    return `<time>${e(shown.slice(0, -" (zone unknown)".length))}</time> <span class="zu">zone unknown</span>`;
  if (ts.basis === "assumed-zone") return `<time>${e(shown)}</time> <span class="assumed">zone assumed</span>`;
  return `<time>${e(shown)}</time>`;
}

/** The last tail {@link timeTail} built: the offset and zone it is for, and its escaped form. */
let lastTail: { offset: string; zone: string | undefined; html: string | undefined } = { offset: "", zone: undefined, html: undefined };

/**
 * What displayTimestamp writes after the wall clock for `offset` and `zone` (src/model/display.ts),
 * escaped; undefined when it holds a bidi control (escapeHtml would isolate the whole string). One
 * entry is kept: timestamps of one input nearly always share their offset and zone (a keyed map cost
 * more than it saved: the key was a new string per message).
 */
function timeTail(offset: string, zone: string | undefined): string | undefined {
  const t = lastTail;
  if (t.offset === offset && t.zone === zone) return t.html;
  const text = ` ${offset === "+00:00" && !zone ? "UTC" : `UTC${offset}`}${zone ? ` (${zone})` : ""}`;
  const html = e(text);
  lastTail = { offset, zone, html: html.startsWith("<bdi>") ? undefined : html };
  return lastTail.html;
}

/** True when a wall clock (before its `T` becomes a space) needs no escaping: digits and `-:.T ` (checked without a regex), else {@link isPlain}. */
function plainWall(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (!((c >= 48 && c <= 58) || c === 45 || c === 84 || c === 32 || c === 46)) return isPlain(w);
  }
  return true;
}

/**
 * Renders one message as an `<article>`; every source string is escaped, nothing is a link or markup.
 * `no` is the message's number as the writer counts it (digits, and dots for nested messages: never escaped).
 */
export function renderMessage(m: Message, no: string, rc: RenderContext): string {
  const sender = m.senderId ? rc.participant(m.senderId) : undefined;
  const name = senderName(m, sender);
  const title = m.extra?.senderTitle ? `<span class="title">【${er(rc, String(m.extra.senderTitle))}】</span>` : "";
  const who = m.senderId === null && !name ? `<span class="sender">(no sender)</span>` : `${title}<bdi class="sender">${er(rc, name || "(no name)")}</bdi>`;
  const sid = m.senderId ? ` <span class="sid">${er(rc, m.senderId)}</span>` : "";
  const self = sender?.isSelf ? ` <span class="kind">self</span>` : "";
  const kindHtml = er(rc, m.kind);
  const id = e(m.id);
  const kind = m.kind !== "text" ? `<span class="kind">${kindHtml}</span>` : "";
  const edited = m.editedAt ? ` <span class="kind">edited ${renderTime(m.editedAt)}</span>` : "";
  // The blocks of the body, in order (a string, not an array joined: one array less per message).
  let blocks = "";
  if (m.replyTo !== undefined) blocks += renderReply(m.replyTo, rc);
  if (m.forwarded) blocks += renderForward(m.forwarded);
  if (m.status === "recalled") blocks += placeholder(rc, "Recalled by the sender (撤回)" + (m.text ? "; the text below is what the source still holds" : ""), true);
  if (m.status === "deleted") blocks += placeholder(rc, "Deleted" + (m.text ? "; the text below is what the source still holds" : ""), true);
  if (m.kind === "unknown") blocks += placeholder(rc, "Content of a type this view cannot show; the raw record is kept in the chatport JSON export", true);
  if (m.text !== "") blocks += `<div class="text" dir="auto">${escapeLongText(m.text)}</div>`;
  else if (m.attachments.length === 0 && !m.inner?.length && m.status === "normal" && m.kind !== "unknown") blocks += placeholder(rc, "Empty message", false);
  for (const a of m.attachments) blocks += renderAttachment(a, rc);
  if (m.reactions.length)
    blocks += `<div class="reactions">Reactions: ${m.reactions.map((r) => `${e(r.emoji)} ×${r.count ?? r.senderIds.length}${r.senderIds.length ? ` (${e(r.senderIds.join(", "))})` : ""}`).join("; ")}</div>`;
  if (m.inner?.length) blocks += `<div class="inner">${m.inner.map((x, i) => renderMessage(x, `${no}.${i + 1}`, rc)).join("")}</div>`;
  blocks += `<div class="prov">id <code>${id}</code> · ${er(rc, m.provenance.file)} ${placeHtml(m.provenance.at)} · source time “${e(m.sentAt.raw)}”</div>`;
  // Only what a quote shows is kept, so a huge message does not stay in memory.
  if (rc.replies.enabled) rc.replies.remember(m.id, { no, sender: name, text: clip(m.text, 201), conversationId: m.conversationId });
  return `<article class="msg ${kindHtml}" id="m-${id}"><div class="no">#${no}</div><div class="body"><div class="meta">${renderTime(m.sentAt)} · ${who}${sid}${self}${kind}${edited}</div>${blocks}</div></article>\n`;
}

function renderReply(id: string, rc: RenderContext): string {
  const r = rc.replies.get(id);
  if (!r) return `<div class="reply">↪ Reply to message <code>${e(id)}</code>, which is not shown earlier in this export</div>`;
  return `<div class="reply">↪ Reply to #${e(r.no)} <bdi>${e(r.sender)}</bdi>: <q dir="auto">${e(clip(r.text, 200)) || "(no text)"}</q> <code>${e(id)}</code></div>`;
}

function renderForward(f: NonNullable<Message["forwarded"]>): string {
  const from = f.fromName || f.fromId ? ` from <bdi>${e(f.fromName ?? "")}</bdi>${f.fromId ? ` <span class="sid">${e(f.fromId)}</span>` : ""}` : "";
  const when = f.originalSentAt ? `, originally sent ${renderTime(f.originalSentAt)}` : "";
  return `<div class="fwd">Forwarded${from}${when}</div>`;
}

function placeholder(rc: RenderContext, text: string, alert: boolean): string {
  rc.placeholders.n++;
  return `<div><span class="placeholder${alert ? " alert" : ""}">${e(text)}</span></div>`;
}

function renderAttachment(a: Attachment, rc: RenderContext): string {
  const label = `${a.kind}${a.fileName ? " “" + a.fileName + "”" : ""}`;
  if (a.availability === "omitted") return placeholder(rc, `${label}: not included in the export`, false);
  if (a.availability === "missing") return placeholder(rc, `${label}: file referenced but not present in the source`, true);
  const placed = rc.media.get(a);
  const sha = placed?.sha256 ?? a.sha256;
  const bytes = placed?.bytes ?? a.bytes;
  const facts = `${e(label)}${bytes !== undefined ? ` · ${bytes} bytes` : ""}${sha ? ` · SHA-256 <code>${e(sha)}</code>` : ""}`;
  if (placed?.problem) return `<div class="att">${facts} ${placeholder(rc, placed.problem, true)}</div>`;
  if (placed?.href) return `<figure class="att"><img src="${escapeAttr(placed.href)}" alt="${escapeAttr(label)}"><figcaption>${facts}</figcaption></figure>`;
  return `<div class="att">📎 ${facts}</div>`;
}

/** A provenance place in words, escaped (line numbers need no escaping). */
function placeHtml(at: Message["provenance"]["at"]): string {
  return "line" in at && typeof at.line === "number" && (at.endLine === undefined || typeof at.endLine === "number") ? placeText(at) : e(placeText(at));
}

/** A provenance place in words. */
export function placeText(at: Message["provenance"]["at"]): string {
  if ("line" in at) return at.endLine && at.endLine !== at.line ? `lines ${at.line}–${at.endLine}` : `line ${at.line}`;
  if ("table" in at) return `${at.table} rowid ${at.rowid}`;
  if ("pointer" in at) return `at ${at.pointer}`;
  return `entry ${at.entry}${at.inner ? " " + placeText(at.inner) : ""}`;
}

/** The heading of a conversation section (again, marked continued, at the top of a later volume). */
export function renderConversationHead(c: Conversation, continued: boolean): string {
  return `<section class="conversation"><h2 dir="auto">${e(c.title)}${continued ? " (continued)" : ""} <span class="cid">${e(c.platform)} ${e(c.kind)} · <code>${e(c.id)}</code> · ${e(c.source)}</span></h2>\n`;
}
