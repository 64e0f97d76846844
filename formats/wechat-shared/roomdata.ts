import { decodeProto, protoGet, protoString } from "./protobuf.js";

/** One member of a group as `RoomData` (PC 3.x `ChatRoom.RoomData`, 4.x `chat_room.ext_buffer`) lists it. */
export interface RoomMember {
  userName: string;
  /** 群昵称: the name this member uses inside the group. */
  displayName?: string;
  inviter?: string;
}

/**
 * Decodes a RoomData blob: field 1 = repeated member { 1 userName, 2 displayName, 3 status, 4 inviter }
 * (formats-cn.md §5.3). Throws a ProtoError on damaged bytes; callers report `malformed-payload`.
 */
export function decodeRoomData(blob: Uint8Array): RoomMember[] {
  const out: RoomMember[] = [];
  for (const f of decodeProto(blob)) {
    if (f.field !== 1 || !f.bytes) continue;
    const m = decodeProto(f.bytes);
    const userName = protoString(protoGet(m, 1));
    if (!userName) continue;
    const displayName = protoString(protoGet(m, 2));
    const inviter = protoString(protoGet(m, 4));
    out.push({ userName, ...(displayName ? { displayName } : {}), ...(inviter ? { inviter } : {}) });
  }
  return out;
}
