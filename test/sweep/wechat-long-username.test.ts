/**
 * A WeChat username goes into the ids of its conversation and participant, and those into every message,
 * reply and list of the output. A damaged or crafted CSV cell of megabytes (the CLI sweep inserted 4 MB
 * into a PyWxDump room_name) made a 36 MB JSON out of a 4 MB input and a 310 MiB process. Usernames longer
 * than any WeChat gives are hashed in ids, as telegram-json does for its chat ids; the text is kept in the
 * participant's handle, its name and the conversation's extra.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { conversationId, participantId } from "../../formats/wechat-shared/ids.js";

describe("wechat ids of a username longer than WeChat writes", () => {
  it("are short and stable; real usernames are unchanged", () => {
    expect(participantId("wxid_abcdefghijkl1234")).toBe("wechat:wxid_abcdefghijkl1234");
    expect(conversationId("20481234567@chatroom")).toBe("wechat-chat:20481234567@chatroom");
    const long = "R".repeat(100_000);
    expect(conversationId(long)).toMatch(/^wechat-chat:#[0-9a-f]{16}$/);
    expect(participantId(long)).toBe(participantId(long));
    expect(participantId(long)).not.toBe(participantId(long + "x"));
  });

  it("a PyWxDump room_name of 1 MB appears in the ids as its hash, its text kept", async () => {
    const room = "R".repeat(1 << 20);
    const text = ["id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime", `1,7437267147299592543,文本,0,wxid_a,${room},hi,,2024-10-04 11:42:00`].join("\n");
    const archive = await readAll(memorySource("chat.csv", text), builtinRegistry, { from: "pywxdump-csv", diagnostics: new DiagnosticCollector() });
    const conv = archive.conversations[0]!;
    expect(conv.id.length).toBeLessThan(64);
    expect(conv.messages[0]!.conversationId).toBe(conv.id);
    expect(conv.messages[0]!.senderId!.length).toBeLessThan(64);
    expect(conv.extra?.roomName).toBe(room);
    expect(archive.participants.find((p) => p.id === conv.messages[0]!.senderId)!.handles).toEqual([{ kind: "wxid", value: room }]);
  });
});
