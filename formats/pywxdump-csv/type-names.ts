import type { Attachment, MessageKind } from "../../src/model/index.js";

type AttachmentKind = Attachment["kind"];

/** What a PyWxDump `type_name` label means in the neutral model. */
export interface TypeNameInfo {
  kind: MessageKind;
  /** The (Type, SubType) pair PyWxDump derived the label from, for `extra`. */
  code?: [number, number];
  /** Kind of the attachment a local `src` path points to. */
  attachment?: AttachmentKind;
  recalled?: boolean;
}

/**
 * PyWxDump's labels: v3 `type_converter` (pywxdump/db/utils/common_utils.py @0b937a2) and the older v2
 * names (`带有引用的文本消息`, `卡片式链接`, `转账消息` …). `未知` and `未知-…` are PyWxDump's own "unmapped".
 */
export const TYPE_NAMES: ReadonlyMap<string, TypeNameInfo> = new Map<string, TypeNameInfo>([
  ["文本", { kind: "text", code: [1, 0] }],
  ["图片", { kind: "image", code: [3, 0], attachment: "image" }],
  ["语音", { kind: "voice", code: [34, 0], attachment: "voice" }],
  ["添加好友", { kind: "system", code: [37, 0] }],
  ["推荐公众号", { kind: "contact", code: [42, 0] }],
  ["视频", { kind: "video", code: [43, 0], attachment: "video" }],
  ["动画表情", { kind: "sticker", code: [47, 0], attachment: "sticker" }],
  ["位置", { kind: "location", code: [48, 0] }],
  ["地图信息", { kind: "location", code: [48, 0] }],
  ["文件", { kind: "file", code: [49, 6], attachment: "file" }],
  ["粘贴的文本", { kind: "text", code: [49, 1] }],
  ["类似文字消息而不一样的消息", { kind: "text", code: [49, 1] }],
  ["(分享)音乐", { kind: "link", code: [49, 3] }],
  ["(分享)卡片式链接", { kind: "link", code: [49, 5] }],
  ["卡片式链接", { kind: "link", code: [49, 5] }],
  ["游戏相关", { kind: "link", code: [49, 7] }],
  ["用户上传的GIF表情", { kind: "sticker", code: [49, 8], attachment: "sticker" }],
  ["用户上传的 GIF 表情", { kind: "sticker", code: [49, 8], attachment: "sticker" }],
  ["位置共享", { kind: "location", code: [49, 17] }],
  ["合并转发的聊天记录", { kind: "merged", code: [49, 19] }],
  ["(分享)笔记", { kind: "link", code: [49, 24] }],
  ["(分享)小程序", { kind: "mini-program", code: [49, 33] }],
  ["分享的小程序", { kind: "mini-program", code: [49, 33] }],
  ["(分享)收藏夹", { kind: "link", code: [49, 40] }],
  ["分享收藏夹", { kind: "link", code: [49, 40] }],
  ["(分享)小说(猜)", { kind: "link", code: [49, 44] }],
  ["(分享)视频号名片", { kind: "link", code: [49, 50] }],
  ["(分享)视频号视频", { kind: "link", code: [49, 51] }],
  ["接龙", { kind: "text", code: [49, 53] }],
  ["引用回复", { kind: "text", code: [49, 57] }],
  ["带有引用的文本消息", { kind: "text", code: [49, 57] }],
  ["视频号直播或直播回放", { kind: "link", code: [49, 63] }],
  ["文件(猜)", { kind: "file", code: [49, 74], attachment: "file" }],
  ["群公告", { kind: "text", code: [49, 87] }],
  ["视频号直播或直播回放等", { kind: "link", code: [49, 88] }],
  ["转账", { kind: "transfer", code: [49, 2000] }],
  ["转账消息", { kind: "transfer", code: [49, 2000] }],
  ["赠送红包封面", { kind: "red-packet", code: [49, 2003] }],
  ["语音通话", { kind: "call", code: [50, 0] }],
  ["企业微信打招呼(猜)", { kind: "system", code: [65, 0] }],
  ["企业微信添加好友(猜)", { kind: "system", code: [66, 0] }],
  ["系统通知", { kind: "system", code: [10000, 0] }],
  ["拍一拍", { kind: "system", code: [10000, 4] }],
  ["邀请加群", { kind: "system", code: [10000, 8000] }],
]);

/** Looks up a label; `消息撤回N` are recall notices, anything else unknown. */
export function typeNameInfo(name: string): TypeNameInfo | undefined {
  const hit = TYPE_NAMES.get(name);
  if (hit) return hit;
  const recall = /^消息撤回(\d+)$/.exec(name);
  if (recall) return { kind: "system", code: [10000, Number(recall[1])], recalled: true };
  return undefined;
}
