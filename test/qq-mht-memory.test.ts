/**
 * [heavy] Memory stays flat on a large MHT: a ~50 MB export (HTML rows, then image parts, as QQ lays
 * them out) is generated on the fly in a temporary folder, streamed through the reader, and RSS is
 * sampled while messages pass. Skip with CHATPORT_SKIP_HEAVY=1.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readEvents, type ChatEvent } from "../src/index.js";
import { BOUNDARY, HEAD, PNG_1X1, TAIL, font, img, row } from "./helpers/qq-mht-build.js";

const MESSAGES = 90_000;
const IMAGES = 300;
const IMAGE_BYTES = 36_000;
const guid = (i: number) => `${i.toString(16).toUpperCase().padStart(8, "0")}-D8C5-42c7-B3E0-FD1484C54196`;

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  const put = async (s: string | Buffer) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await put(`\ufeffFrom: <Save by Tencent MsgMgr>\r\nSubject: Tencent IM Message\r\nMIME-Version: 1.0\r\nContent-Type:multipart/related;\r\n\tcharset="utf-8"\r\n\ttype="text/html";\r\n\tboundary="${BOUNDARY}"\r\n\r\n`);
  await put(`--${BOUNDARY}\r\nContent-Type: text/html\r\nContent-Transfer-Encoding:7bit\r\n\r\n`);
  await put(HEAD + row.title() + row.group("我加入的群聊") + row.object("压力测试群") + row.spacer() + row.date("2020-01-01"));
  let batch = "";
  for (let i = 0; i < MESSAGES; i++) {
    if (i > 0 && i % 5000 === 0) batch += "\r\n" + row.date(`2020-01-${String(1 + i / 5000).padStart(2, "0")}`);
    const body = i % (MESSAGES / IMAGES) === 0 ? img(guid(i / (MESSAGES / IMAGES))) : font(`第${i}条消息：这是一段用于测试内存占用的中文文本，带一点长度。/托腮 [表情] ${"x".repeat(i % 50)}`);
    batch += "\r\n" + row.message(`成员${i % 97}(${100000 + (i % 97)})`, `${(i % 24)}:${String(i % 60).padStart(2, "0")}:00`, body, i % 3 ? "#006EFE" : "#42B475");
    if (batch.length > 1 << 16) {
      await put(batch);
      batch = "";
    }
  }
  await put(batch + "\r\n" + TAIL + "\r\n");
  const filler = Buffer.alloc(IMAGE_BYTES);
  for (let k = 0; k < IMAGES; k++) {
    PNG_1X1.copy(filler);
    filler.writeUInt32BE(k, PNG_1X1.length);
    const b64 = filler.toString("base64").replace(/.{76}/g, "$&\r\n");
    await put(`\r\n--${BOUNDARY}\r\nContent-Type:image/png\r\nContent-Transfer-Encoding:base64\r\nContent-Location:{${guid(k)}}.dat\r\n\r\n${b64}\r\n`);
  }
  await put(`\r\n--${BOUNDARY}--\r\n`);
  out.end();
  await once(out, "close");
}

describe.skipIf(process.env.CHATPORT_SKIP_HEAVY === "1")("[heavy] qq-mht memory", () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("a ~50 MB MHT streams with flat RSS (< 200 MB growth)", async () => {
    dir = await mkdtemp(join(tmpdir(), "chatport-mht-mem-"));
    const path = join(dir, "big.mht");
    await generate(path);
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(45_000_000);

    const base = process.memoryUsage().rss;
    let peak = base;
    let messages = 0;
    let present = 0;
    const accounting: Record<string, number>[] = [];
    for await (const ev of readEvents(path, { onAccounting: (a) => accounting.push(a) }) as AsyncIterable<ChatEvent>) {
      if (ev.type !== "message") continue;
      messages++;
      present += ev.message.attachments.filter((a) => a.availability === "present").length;
      if (messages % 2000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(messages).toBe(MESSAGES);
    expect(present).toBe(IMAGES);
    expect(accounting[0]).toMatchObject({ rowsInMessages: MESSAGES, rowsReported: 0 });
    console.log(`qq-mht memory: ${(size / 1e6).toFixed(1)} MB file, RSS growth ${((peak - base) / 1e6).toFixed(1)} MB`);
    expect(peak - base).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);
});
