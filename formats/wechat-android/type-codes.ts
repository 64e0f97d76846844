/**
 * Android `message.type` uses combined 32-bit codes for app messages, not `49 + SubType`
 * (formats-cn.md §7: union of ppwwyyxx/wechat-dump wechat/msg.py and YaoZeyuan/wechat-history-2-txt
 * type_const.ts). They are mapped to the PC (Type, SubType) numbering the shared decoder knows; a subtype
 * of 0 for type 49 means "read `<appmsg><type>` from the XML".
 */
const COMBINED: Record<number, [number, number]> = {
  1048625: [47, 0], // custom emoji (sticker)
  16777265: [49, 0], // app message, subtype from the XML
  436207665: [49, 2001], // red packet
  469762097: [49, 2001], // red packet
  419430449: [49, 2000], // transfer
  704643121: [49, 2000], // pending transfer
  822083633: [49, 57], // quote / reply
  1090519089: [49, 6], // file
  1040187441: [49, 3], // QQ music
  1077936177: [49, 3], // music card
  1107296305: [49, 87], // group announcement
  268445456: [10000, 0], // revoke notice
  570425393: [10000, 8000], // invitation to a group
  805306417: [49, 53], // 接龙 (solitaire)
  [-1879048186]: [49, 17], // location sharing
};

/** The PC-style (type, subType) of an Android type code, and whether it was a combined code. */
export function androidType(code: number): { type: number; subType: number; combined: boolean } {
  const hit = COMBINED[code];
  if (hit) return { type: hit[0], subType: hit[1], combined: true };
  // The app family keeps 0x31 (49) in its low byte; the high bits are NOT the PC subtype (§7).
  if (code > 0xff && (code & 0xff) === 49) return { type: 49, subType: 0, combined: true };
  return { type: code, subType: 0, combined: false };
}
