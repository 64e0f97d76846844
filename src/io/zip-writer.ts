import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { ChatportError } from "../diagnostics/errors.js";
import type { InputSource } from "./source.js";

/**
 * A minimal, deterministic zip writer: every entry STORED (no compression), DOS date/time fixed at
 * 1980-01-01 00:00:00, no extra fields, no comments, entries in the order added. Same entries ⇒ same
 * bytes, on any machine and in any host time zone.
 *
 * Why not a library: fflate (`wzh`) and yazl (`dateToDosDateTime`) both compute the DOS date/time with
 * the host's local-time getters (`getHours()` …), so their bytes depend on the TZ of the machine that
 * writes them, and their deflate output depends on the zlib build. STORED + constant stamps avoid both;
 * the media inside chat exports (JPEG, MP4, AMR/SILK) is already compressed.
 *
 * Classic zip only (no Zip64): more than 65,535 entries or 4 GiB is refused with a clear error (RSMF
 * files must stay under 2 GB anyway).
 */
export class StoredZipWriter {
  private offset = 0;
  private readonly central: Uint8Array[] = [];
  private count = 0;
  private finished = false;

  /** `out` receives the zip bytes in order; it is awaited, so back-pressure flows to the caller. */
  constructor(private readonly out: (chunk: Uint8Array) => Promise<void>) {}

  /** Adds an entry whose bytes are in memory. */
  async addBytes(name: string, data: Uint8Array): Promise<void> {
    await this.header(name, data.byteLength, crc32(data));
    await this.emit(data);
  }

  /**
   * Adds an entry streamed from `chunks`; `size` and `crc` must be known in advance (a first pass over
   * the file). The bytes are checked against them as they pass: a file that changed between the passes
   * raises an error instead of writing a zip whose headers lie.
   */
  async addStream(name: string, size: number, crc: number, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    await this.header(name, size, crc);
    let seen = 0;
    let c = 0;
    for await (const chunk of chunks) {
      seen += chunk.byteLength;
      if (seen > size) break;
      c = crc32(chunk, c);
      await this.emit(chunk);
    }
    if (seen !== size || c !== crc)
      throw new ChatportError("input-unreadable", `The file for zip entry ${name} changed while it was being copied (expected ${size} bytes); make sure nothing writes to the input and run again.`);
  }

  /** Writes the central directory and the end record. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const start = this.offset;
    for (const c of this.central) await this.emit(c);
    const size = this.offset - start;
    this.check(this.offset, "the zip");
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, this.count, true);
    end.setUint16(10, this.count, true);
    end.setUint32(12, size, true);
    end.setUint32(16, start, true);
    await this.emit(new Uint8Array(end.buffer));
  }

  private async header(name: string, size: number, crc: number): Promise<void> {
    if (this.finished) throw new Error("zip already finished");
    if (++this.count > 0xffff) throw new ChatportError("output-failed", `More than 65,535 files in one zip; split the export into smaller parts.`);
    this.check(this.offset + size, name);
    const nameBytes = new TextEncoder().encode(name);
    // bit 11: the name is UTF-8 (set only when it is not plain ASCII, so ASCII names stay classic).
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 10, true); // version needed: 1.0 (stored)
    local.setUint16(6, flags, true);
    local.setUint16(8, 0, true); // method: stored
    local.setUint16(10, 0, true); // time 00:00:00
    local.setUint16(12, 0x0021, true); // date 1980-01-01
    local.setUint32(14, crc >>> 0, true);
    local.setUint32(18, size, true);
    local.setUint32(22, size, true);
    local.setUint16(26, nameBytes.byteLength, true);
    const cd = new DataView(new ArrayBuffer(46 + nameBytes.byteLength));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true); // made by: MS-DOS, 2.0
    cd.setUint16(6, 10, true);
    cd.setUint16(8, flags, true);
    cd.setUint16(12, 0, true);
    cd.setUint16(14, 0x0021, true);
    cd.setUint32(16, crc >>> 0, true);
    cd.setUint32(20, size, true);
    cd.setUint32(24, size, true);
    cd.setUint16(28, nameBytes.byteLength, true);
    cd.setUint32(42, this.offset, true);
    const cdBytes = new Uint8Array(cd.buffer);
    cdBytes.set(nameBytes, 46);
    this.central.push(cdBytes);
    await this.emit(new Uint8Array(local.buffer));
    await this.emit(nameBytes);
  }

  private check(end: number, what: string): void {
    if (end > 0xffffffff) throw new ChatportError("output-failed", `${what} would pass 4 GiB inside one zip; split the export into smaller parts.`);
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    this.offset += chunk.byteLength;
    await this.out(chunk);
  }
}

/** Size, zip CRC-32 and SHA-256 of a source, streamed (the first pass before {@link StoredZipWriter.addStream}). */
export async function measureSource(source: InputSource): Promise<{ bytes: number; crc32: number; sha256: string }> {
  const h = createHash("sha256");
  let bytes = 0;
  let c = 0;
  for await (const chunk of source.stream()) {
    h.update(chunk);
    c = crc32(chunk, c);
    bytes += chunk.byteLength;
  }
  return { bytes, crc32: c, sha256: h.digest("hex") };
}
