import type { Message } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { summariseElements } from "./elements.js";
import { isObject, str } from "./raw-types.js";
import { validUid, validUin } from "./senders.js";
import { qceTime } from "./timestamps.js";

/** Nesting depth kept for forwarded bundles inside forwarded bundles (QCE itself stops at 3). */
const MAX_DEPTH = 4;

/**
 * The messages of a merged-forward (`forward` element, `data.messages`: `{id, timestamp (ms), time,
 * sender {uid, uin, name}, content {text, elements}}`), nested as Messages under the outer one. Their
 * senders are not participants of this conversation: they show as `forwarded.fromName/fromId` with
 * `senderId` null.
 */
export function innerMessages(data: Record<string, unknown>, outer: Message, ctx: ReadContext, depth = 1): Message[] {
  const list = Array.isArray(data.messages) ? data.messages : [];
  const out: Message[] = [];
  list.forEach((item, i) => {
    if (!isObject(item)) return;
    const sender = isObject(item.sender) ? item.sender : {};
    const summary = summariseElements(item, () => undefined);
    const time = qceTime(item.timestamp === 0 ? undefined : item.timestamp, item.time, ctx.tz);
    const uin = validUin(sender.uin);
    const uid = validUid(sender.uid);
    const fromName = str(sender.name);
    const m: Message = {
      id: `${outer.id}/f${i + 1}`,
      conversationId: outer.conversationId,
      seq: i + 1,
      senderId: null,
      sentAt: time.ts,
      kind: summary.kind,
      text: summary.text,
      ...(summary.parts ? { parts: summary.parts } : {}),
      attachments: [],
      forwarded: {
        ...(fromName ? { fromName } : {}),
        ...(uin ? { fromId: `qq:${uin}` } : uid ? { fromId: `qq-uid:${uid}` } : {}),
        originalSentAt: time.ts,
      },
      reactions: [],
      status: "normal",
      provenance: outer.provenance,
      ...(str(item.id) ? { extra: { qceId: str(item.id) } } : {}),
    };
    if (summary.forward && depth < MAX_DEPTH) {
      const nested = innerMessages(summary.forward, m, ctx, depth + 1);
      if (nested.length) m.inner = nested;
    }
    out.push(m);
  });
  return out;
}
