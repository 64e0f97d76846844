import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ChatportError } from "../src/diagnostics/errors.js";
import { measureSource, memorySource, StoredZipWriter } from "../src/io/index.js";

async function zipOf(files: Record<string, Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const zip = new StoredZipWriter(async (c) => void parts.push(Uint8Array.from(c)));
  for (const [name, data] of Object.entries(files)) {
    const src = memorySource(name, data);
    const m = await measureSource(src);
    await zip.addStream(name, m.bytes, m.crc32, src.stream());
  }
  await zip.finish();
  return Buffer.concat(parts);
}

describe("StoredZipWriter", () => {
  const files = { "rsmf_manifest.json": new TextEncoder().encode('{"version":"2.0.0"}'), "m1_a.png": new Uint8Array(70_000).map((_, i) => i & 0xff), "名.txt": new TextEncoder().encode("中文") };

  it("writes a zip another implementation reads back byte for byte", async () => {
    const out = unzipSync(await zipOf(files));
    expect(Object.keys(out)).toEqual(Object.keys(files));
    for (const [k, v] of Object.entries(files)) expect(Buffer.from(out[k]!).equals(Buffer.from(v))).toBe(true);
  });

  it("is deterministic: stored, DOS time fixed at 1980-01-01 00:00, same bytes under any host zone", async () => {
    const a = await zipOf(files);
    const saved = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    const b = await zipOf(files).finally(() => (saved === undefined ? delete process.env.TZ : (process.env.TZ = saved)));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const v = new DataView(a.buffer, a.byteOffset);
    expect(v.getUint32(0, true)).toBe(0x04034b50);
    expect(v.getUint16(8, true)).toBe(0); // stored
    expect(v.getUint16(10, true)).toBe(0); // 00:00:00
    expect(v.getUint16(12, true)).toBe(0x21); // 1980-01-01
  });

  it("refuses a file that changed between measuring and copying", async () => {
    const zip = new StoredZipWriter(async () => {});
    const err = await zip.addStream("x.bin", 3, 0, memorySource("x.bin", "abcd").stream()).catch((e) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect(err.message).toMatch(/x\.bin changed while it was being copied/);
  });
});
