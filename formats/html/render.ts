import { displayTimestamp } from "../../src/model/display.js";
import type { Attachment, Conversation, Message, Participant } from "../../src/model/index.js";
import { escapeHtml as e } from "./escape.js";

/** Renders one message as an `<article>`; every source string is escaped. */
export function renderMessage(m: Message, sender: Participant | undefined, no: number): string {
  const name = (m.extra?.senderName as string | undefined) ?? sender?.displayName ?? (m.senderId ? m.senderId : "(no sender)");
  const title = m.extra?.senderTitle ? `<span class="title">【${e(String(m.extra.senderTitle))}】</span>` : "";
  const sid = m.senderId ? ` <span class="sid">${e(m.senderId)}</span>` : "";
  const kind = m.kind !== "text" ? `<span class="kind">${e(m.kind)}</span>` : "";
  const status = m.status !== "normal" ? `<span class="placeholder">${m.status === "recalled" ? "recalled by sender" : "deleted"}</span>` : "";
  const edited = m.editedAt ? ` <span class="edited">edited ${e(displayTimestamp(m.editedAt))}</span>` : "";
  const reply = m.replyTo ? `<div class="reply">↪ in reply to <code>${e(m.replyTo)}</code></div>` : "";
  const fwd = m.forwarded ? `<div class="fwd">forwarded${m.forwarded.fromName ? ` from ${e(m.forwarded.fromName)}` : ""}</div>` : "";
  const text = m.text === "" && m.attachments.length === 0 ? `<span class="empty">(empty message)</span>` : e(m.text);
  const att = m.attachments.map(renderAttachment).join("");
  const inner = m.inner?.length ? `<div class="inner">${m.inner.map((x, i) => renderMessage(x, undefined, i + 1)).join("")}</div>` : "";
  return `<article class="msg ${e(m.kind)}" id="m-${e(m.id)}" data-seq="${m.seq}"><div class="no">#${no}</div><div><div class="meta"><time>${e(displayTimestamp(m.sentAt))}</time> · <span class="sender">${title}${e(name)}</span>${sid}${kind}${edited}</div>${reply}${fwd}${status}<div class="text" dir="auto">${text}</div>${att}${inner}</div></article>\n`;
}

function renderAttachment(a: Attachment): string {
  const label = `${a.kind}${a.fileName ? ": " + a.fileName : ""}`;
  if (a.availability === "omitted") return `<span class="placeholder">${e(label)} — not included in the export</span>`;
  if (a.availability === "missing") return `<span class="placeholder">${e(label)} — file not found</span>`;
  return `<span class="placeholder">${e(label)}${a.sha256 ? ` <code>sha256 ${e(a.sha256)}</code>` : ""}</span>`;
}

/** The heading of a conversation section. */
export function renderConversationHead(c: Conversation): string {
  return `<section class="conversation" id="c-${e(c.id)}"><h2 dir="auto">${e(c.title)}</h2>\n<table class="facts"><tr><th>Platform</th><td>${e(c.platform)}</td></tr><tr><th>Conversation id</th><td><code>${e(c.id)}</code></td></tr><tr><th>Source file</th><td>${e(c.source)}</td></tr></table>\n`;
}
