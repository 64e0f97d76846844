/**
 * Shared WeChat support used by every WeChat reader (wechat-pc3, wechat-v4, the Android, iOS and CSV
 * readers). Not a registered format: see FORMAT.md.
 */
export * from "./types.js";
export * from "./xml.js";
export * from "./payload.js";
export * from "./record.js";
export * from "./media.js";
export * from "./contacts.js";
export * from "./ids.js";
export * from "./sender-prefix.js";
export * from "./protobuf.js";
export * from "./roomdata.js";
export * from "./message.js";
export * from "./compression.js";
export * from "./participants.js";
export * from "./database.js";
