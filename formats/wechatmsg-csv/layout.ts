/**
 * WeChatMsg / MemoTrace (留痕) CSV (formats-cn.md §10.1): header
 * `localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender`.
 * Older versions write only the first nine fields for private chats (the last three were appended for
 * chat rooms only): 9 fields under a 12-column header.
 */

/** The header columns, in order. */
export const HEADER = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime", "Remark", "NickName", "Sender"] as const;

/** True when the cells are the WeChatMsg header (BOM, surrounding spaces and empty trailing cells tolerated). */
export function isWechatMsgHeader(cells: string[]): boolean {
  const names = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, "") : c).trim());
  while (names.length && names[names.length - 1] === "") names.pop();
  return names.length === HEADER.length && names.every((n, i) => n === HEADER[i]);
}

/** One data row. `short` marks the 9-field form (no Remark/NickName/Sender). */
export interface WmRow {
  localId: string;
  talkerId: string;
  type: string;
  subType: string;
  isSender: string;
  createTime: string;
  status: string;
  strContent: string;
  strTime: string;
  remark: string;
  nickName: string;
  sender: string;
  short: boolean;
}

/** Maps a record to a row: 12 fields (trailing empty extras tolerated) or the older 9; else undefined. */
export function toWmRow(f: string[]): WmRow | undefined {
  let n = f.length;
  while (n > 12 && f[n - 1] === "") n--;
  if (n !== 12 && n !== 9) return undefined;
  const short = n === 9;
  return {
    localId: f[0]!, talkerId: f[1]!, type: f[2]!, subType: f[3]!, isSender: f[4]!, createTime: f[5]!,
    status: f[6]!, strContent: f[7]!, strTime: f[8]!,
    remark: short ? "" : f[9]!, nickName: short ? "" : f[10]!, sender: short ? "" : f[11]!, short,
  };
}
