import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { memorySource } from "../src/io/source.js";
import { convert, readEvents } from "../src/pipeline/index.js";
import { heapAfterGc } from "./helpers/heap.js";
import { PNG_1X1, buildMht, font, img, row } from "./helpers/qq-mht-build.js";

/**
 * Readers keep a few things for the whole run (participants, sender caches, ids). When those are slices
 * of the decoded input (V8 sliced strings), each pins the whole chunk it was cut from: a chat with
 * thousands of senders spread through the file kept the whole file in memory (QQ 1M messages, 17.5k
 * senders: 229 MiB peak instead of 102; WhatsApp, 20k authors: 298 instead of 111).
 */
const SENDERS = 6000;
const PER_SENDER = 20;


/** Reads to the last message and returns the heap growth measured there (the reader still holds its state). */
async function heldAtLastMessage(name: string, build: () => string | Buffer, from: string, last = SENDERS * PER_SENDER): Promise<{ held: number; inputChars: number; messages: number }> {
  // Built in a function of its own: no frame here keeps the input's text alive.
  const text = (): Buffer => {
    const b = build();
    return typeof b === "string" ? Buffer.from(b, "utf8") : b;
  };
  const bytes = text();
  const inputChars = bytes.toString("utf8").length;
  const source = memorySource(name, bytes);
  const before = heapAfterGc();
  let messages = 0, held = 0;
  for await (const ev of readEvents(source, builtinRegistry, { from })) {
    if (ev.type !== "message") continue;
    if (++messages === last) held = heapAfterGc() - before;
  }
  return { held, inputChars, messages };
}

describe("memory held while reading does not pin the input", () => {
  it("qq-txt: thousands of senders", async () => {
    const build = (): string => {
      let text = "\uFEFF消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n================================================================\r\n消息分组:我的QQ群\r\n================================================================\r\n消息对象:很大的群\r\n================================================================\r\n\r\n";
    for (let s = 0; s < SENDERS; s++)
      for (let k = 0; k < PER_SENDER; k++) text += `2017-01-01 ${String(s % 24)}:00:0${k % 10} 群成员昵称比较长的名字${s}(${900000000 + s})\r\n今天读第三章，记得带笔记本，这一行再长一点点${k}\r\n\r\n`;
      return text;
    };
    const r = await heldAtLastMessage("big.txt", build, "qq-txt");
    expect(r.messages).toBe(SENDERS * PER_SENDER);
    // Measured: ~4 MB held (6,000 participants and the reader's caches); with the names pinning their
    // chunks, ~21 MB (the decoded text, 2 bytes a character, nearly all of it).
    expect(r.held).toBeLessThan(r.inputChars * 0.8);
  });

  it("whatsapp-txt: thousands of authors", async () => {
    const build = (): string => {
      let text = "";
      for (let s = 0; s < SENDERS; s++)
        for (let k = 0; k < PER_SENDER; k++) text += `01/01/2017, ${String(10 + (s % 12))}:00 - Group member with a long name ${s}: 今天读第三章，记得带笔记本，这一行再长一点点 ${k}\n`;
      return text;
    };
    const r = await heldAtLastMessage("_chat.txt", build, "whatsapp-txt");
    expect(r.messages).toBe(SENDERS * PER_SENDER);
    expect(r.held).toBeLessThan(r.inputChars * 0.8); // measured ~4 MB; pinned, ~20 MB
  });

  it("pywxdump-csv: thousands of group members", async () => {
    const build = (): string => {
      let text = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\n";
      let n = 0;
      for (let s = 0; s < SENDERS; s++)
        for (let k = 0; k < PER_SENDER; k++, n++)
          text += `${n},${7330772355966176000n + BigInt(n) * 7919n},文本,0,wxid_group_member_${s},12345678@chatroom,"今天读第三章，记得带笔记本，这一行再长一点点 ${k}",,2024-01-01 10:00:00\n`;
      return text;
    };
    const r = await heldAtLastMessage("chat.csv", build, "pywxdump-csv");
    expect(r.messages).toBe(SENDERS * PER_SENDER);
    expect(r.held).toBeLessThan(r.inputChars * 0.8);
  });

  it("qq-mht: thousands of senders", async () => {
    const build = (): Buffer => {
      const rows = [row.title(), row.group("我加入的群聊"), row.object("很大的群"), row.spacer(), row.date("2020-01-01")];
      for (let s = 0; s < SENDERS; s++)
        for (let k = 0; k < PER_SENDER; k++) rows.push(row.message(`群成员昵称比较长的名字${s}(${900000000 + s})`, `${s % 24}:00:0${k % 10}`, font(`今天读第三章，记得带笔记本，这一行再长一点点 ${k}`)));
      return buildMht({ rows });
    };
    const r = await heldAtLastMessage("big.mht", build, "qq-mht");
    expect(r.messages).toBe(SENDERS * PER_SENDER);
    expect(r.held).toBeLessThan(r.inputChars * 0.8);
  });

  it("qq-txt: thousands of conversations (a whole-account export), read and converted", async () => {
    // Longer conversations than above: what convert keeps per conversation (~2 KB with its stats and
    // participant, 12 MB here) must stay well below the decoded text it would otherwise pin.
    const perConversation = 60;
    const build = (): string => {
      const sep = "================================================================\r\n";
      let text = `\uFEFF消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n${sep}消息分组:我的好友\r\n${sep}`;
      for (let s = 0; s < SENDERS; s++) {
        text += `消息对象:好友的备注名称比较长的一位${s}\r\n${sep}\r\n`;
        for (let k = 0; k < perConversation; k++) text += `2017-01-01 10:00:0${k % 10} 好友的备注名称比较长的一位${s}(${900000000 + s})\r\n今天读第三章，记得带笔记本，这一行再长一点点${k}\r\n\r\n`;
        text += sep;
      }
      return text;
    };
    const r = await heldAtLastMessage("all.txt", build, "qq-txt", SENDERS * perConversation);
    expect(r.messages).toBe(SENDERS * perConversation);
    expect(r.held).toBeLessThan(r.inputChars * 0.8);
    // convert keeps every conversation to the end (totals, manifest): measured when the last input
    // chunk has been read, output to a file so it does not count.
    const bytes = Buffer.from(build(), "utf8");
    const out = mkdtempSync(join(tmpdir(), "retention-"));
    try {
      const before = heapAfterGc();
      let held = 0;
      await convert(memorySource("all.txt", bytes), builtinRegistry, {
        from: "qq-txt",
        to: "csv",
        output: join(out, "all.csv"),
        onProgress: (done, total) => {
          if (done === total && held === 0) held = heapAfterGc() - before;
        },
      });
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan(r.inputChars * 0.8);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("qq-mht: thousands of image parts (their index lives for the whole read)", async () => {
    const images = 6000;
    const guid = (i: number): string => `${i.toString(16).toUpperCase().padStart(8, "0")}-D8C5-42c7-B3E0-FD1484C54196`;
    const build = (): Buffer => {
      const rows = [row.title(), row.group("我加入的群聊"), row.object("图很多的群"), row.spacer(), row.date("2020-01-01")];
      for (let i = 0; i < images; i++) rows.push(row.message(`成员${i % 50}(${100000 + (i % 50)})`, `${i % 24}:00:00`, img(guid(i))));
      // Each part padded to ~1.5 KB, so the part headers sit in many different chunks.
      const bytes = Buffer.concat([PNG_1X1, Buffer.alloc(1500)]);
      return buildMht({ rows, images: Array.from({ length: images }, (_, i) => ({ guid: guid(i), type: "image/png", bytes })) });
    };
    const r = await heldAtLastMessage("pictures.mht", build, "qq-mht", images);
    expect(r.messages).toBe(images);
    expect(r.held).toBeLessThan(r.inputChars * 0.8);
  });
});
