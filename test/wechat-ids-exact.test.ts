import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readBoth } from "./helpers/read.js";

// Two different server ids whose 30-bit FNV-1a fingerprints are equal (found by brute force). The
// fingerprint set the WeChat readers used took the second for a repeat: it lost its server id (so
// quotes of it no longer linked) and pywxdump-csv reported a duplicate that was not there. At 100k
// messages about 5 such pairs were expected, at 1M about 466.
const A = "7330772355966178724";
const B = "7330772355966588200";

describe("WeChat server ids are compared exactly", () => {
  it("pywxdump-csv keeps two ids whose fingerprints collide, and reports a real repeat", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wx-ids-"));
    const file = join(dir, "chat.csv");
    const row = (n: number, svr: string, text: string) => `${n},${svr},文本,0,wxid_carol3,wxid_carol3,"{""src"": """", ""msg"": ""${text}""}",2024/1/1 0:0${n}`;
    writeFileSync(file, ["id,MsgSvrID,type_name,is_sender,talker,room_name,content,CreateTime", row(1, A, "一"), row(2, B, "二"), row(3, A, "三")].join("\n") + "\n");
    const { archive } = await readBoth(file, { from: "pywxdump-csv" });
    const ids = archive.conversations.flatMap((c) => c.messages.map((m) => m.id));
    expect(ids.slice(0, 2)).toEqual([A, B]);
    expect(ids[2]).toMatch(/^pywxdump-csv:/);
    expect(archive.diagnostics.filter((d) => d.code === "duplicate-id").map((d) => d.message)).toEqual([expect.stringContaining(`MsgSvrID ${A} appeared before`)]);
  });
});
