import { crc32, deflateRawSync } from "node:zlib";

/** One entry of a hand-built zip; `declaredSize` lies about the uncompressed size (bomb tests). */
export interface RawEntry {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  declaredSize?: number;
  /** Extra central-directory names pointing at this same data (overlapping entries). */
  aliases?: string[];
  /** A CRC-32 to write instead of the data's own (a damaged member). */
  crc?: number;
  /** A compression method id to write instead of 0/8 (the data is stored as given). */
  method?: number;
}

/**
 * Builds a zip byte for byte, with names exactly as given — including ones a zip library would refuse
 * to write ("../evil.txt", "/etc/passwd") — so the reader's defences can be tested. DOS time fixed.
 */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = e.deflate ? deflateRawSync(e.data) : Buffer.from(e.data);
    const crc = e.crc ?? crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    const method = e.method ?? (e.deflate ? 8 : 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    for (const alias of e.aliases ?? []) {
      const an = Buffer.from(alias, "utf8");
      const c2 = Buffer.from(central);
      c2.writeUInt16LE(an.length, 28);
      centrals.push(c2, an);
    }
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = entries.reduce((n, e) => n + 1 + (e.aliases?.length ?? 0), 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
