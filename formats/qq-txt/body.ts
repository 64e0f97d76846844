import type { Attachment, MessageKind, Place } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";

/**
 * What a QQ TXT body says about the message kind. The export replaces media with bracketed
 * placeholders (formats-cn.md §1.6); the text is always kept as written.
 */
export interface BodyClass {
  kind: MessageKind;
  /** Media the export left out, one per placeholder, `omitted`. */
  omitted: Pick<Attachment, "kind">["kind"][];
  /** A flag for the extra field (e.g. autoReply). */
  flags?: Record<string, true>;
  /** Placeholders beyond {@link MAX_OMITTED}: kept in the text, not made attachments. */
  beyond?: number;
}

/**
 * Placeholders of one message made into omitted attachments; more stay in the text only. QQ sends at
 * most a few dozen pictures a message; a hostile line of 1M "[图片]" made 1M attachment objects (a
 * 12 MB file took a 675 MB process to html).
 */
export const MAX_OMITTED = 1000;

// Placeholders that stand for media the export did not keep.
const MEDIA_PLACEHOLDERS: Record<string, Attachment["kind"]> = {
  "[图片]": "image",
  "[闪照]": "image",
  "[表情]": "sticker",
  "[语音]": "voice",
  "[视频]": "video",
  "[文件]": "file",
};

// Body prefixes that decide the whole message's kind.
const PREFIX_KINDS: [string, MessageKind][] = [
  ["[QQ红包]", "red-packet"],
  ["[群签到]", "system"],
  ["[动作消息]", "system"],
  ["[发起投票]", "poll"],
  ["[位置]", "location"],
  ["[名片]", "contact"],
  ["[链接]", "link"],
  ["[分享]", "link"],
  ["[语音通话]", "call"],
  ["[视频通话]", "call"],
  ["[转账]", "transfer"],
  ["[聊天记录]", "merged"],
];

const PLACEHOLDER_RUN = /\[(?:图片|闪照|表情|语音|视频|文件)\]/g;

/** Classifies a body. `system` is true when the sender is a QQ system account. */
export function classifyBody(text: string, system: boolean): BodyClass {
  const omitted: Attachment["kind"][] = [];
  let beyond = 0;
  let kinds: Set<Attachment["kind"]> | undefined;
  if (text.includes("[")) {
    for (const m of text.matchAll(PLACEHOLDER_RUN)) {
      if (omitted.length < MAX_OMITTED) omitted.push(MEDIA_PLACEHOLDERS[m[0]]!);
      else {
        kinds ??= new Set(omitted);
        kinds.add(MEDIA_PLACEHOLDERS[m[0]]!);
        beyond++;
      }
    }
  }
  if (beyond > 0) return { ...classifyKind(text, system, omitted, kinds!), beyond };
  return classifyKind(text, system, omitted, undefined);
}

function classifyKind(text: string, system: boolean, omitted: Attachment["kind"][], allKinds: Set<Attachment["kind"]> | undefined): BodyClass {
  if (system) return { kind: "system", omitted };
  if (text.charCodeAt(0) === 91 /* [ */) {
    for (const [prefix, kind] of PREFIX_KINDS) if (text.startsWith(prefix)) return { kind, omitted };
    if (text.startsWith("[自动回复]")) return { kind: "text", omitted, flags: { autoReply: true } };
  }
  if (text === "给你发送了一个窗口抖动。" || (text.endsWith("撤回了一条消息") && /^.{0,40}撤回了一条消息$/.test(text))) return { kind: "system", omitted };
  if (omitted.length > 0 && text.replace(PLACEHOLDER_RUN, "").trim() === "") {
    const kinds = allKinds ?? new Set(omitted);
    if (kinds.size === 1) {
      const only = omitted[0]!;
      const kind: MessageKind = only === "file" ? "file" : only === "other" ? "unknown" : only;
      return { kind, omitted };
    }
    return { kind: "image", omitted };
  }
  return { kind: "text", omitted };
}

/**
 * Reports a body with more placeholders than become attachments ({@link BodyClass.beyond}) as
 * `oversized-record`; nothing when it has none. Shared by qq-txt, qq-mht and qq-copy.
 */
export function reportPlaceholdersBeyond(ctx: Pick<ReadContext, "report">, cls: BodyClass, file: string, place: Place): void {
  if (!cls.beyond) return;
  const all = cls.omitted.length + cls.beyond;
  ctx.report("oversized-record", { message: `This message has ${all} media placeholders such as [图片]; the first ${cls.omitted.length} became omitted attachments, all of them stay in its text.`, file, place });
}

/**
 * The attachments a body's placeholders stand for (`[图片]` → an omitted image), with ids `<message>:aN`
 * numbered from `after + 1` (qq-mht numbers its real images first).
 */
export function omittedAttachments(messageId: string, cls: BodyClass, after = 0): Attachment[] {
  return cls.omitted.map((kind, i) => ({ id: `${messageId}:a${after + i + 1}`, kind, availability: "omitted" }));
}
