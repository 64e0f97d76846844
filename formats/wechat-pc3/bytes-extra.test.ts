import { describe, expect, it } from "vitest";
import { decodeBytesExtra, decodeBytesExtraGeneral, fastBytesExtraHex } from "./bytes-extra.js";

const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const bytesField = (field: number, body: number[]): number[] => [...varint((field << 3) | 2), ...varint(body.length), ...body];
const text = (s: string): number[] => [...new TextEncoder().encode(s)];
const item = (type: number, value: string): number[] => bytesField(3, [8, ...varint(type), ...bytesField(2, text(value))]);

function outcome(b: Uint8Array): unknown {
  try {
    return decodeBytesExtraGeneral(b);
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}
function fastOutcome(b: Uint8Array): unknown {
  try {
    return decodeBytesExtra(b);
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

describe("BytesExtra fast path", () => {
  it("reads what the general decoder reads, damaged or not", () => {
    const header = [0x0a, 0x04, 0x08, 0x10, 0x10, 0x00];
    const blobs: number[][] = [
      header,
      [...header, ...item(1, "wxid_bob002")],
      [...header, ...item(3, "wxid\\FileStorage\\a_t.dat"), ...item(4, "wxid\\FileStorage\\a.dat"), ...item(7, "x"), ...item(1, "s"), ...item(1, "second")],
      [...header, ...item(300, "big type"), ...item(2 ** 30, "huge type")],
      [...header, ...bytesField(3, [18, 1, 65, 8, 1])],
      [...header, ...bytesField(3, [8, 1])],
      [...header, ...bytesField(3, [8, 1, 8, 2, 18, 1, 65])],
      [...header, ...bytesField(3, [0x10, 1])],
      [...header, 0x08, 0x96, 0x01, ...item(1, "after varint")],
      [...header, 0x0d, 1, 2, 3, 4, ...item(1, "after fixed32")],
      [...header, ...item(1, "é👋")],
    ];
    const base = blobs.slice();
    // Damage: every truncation and a byte flipped at each position of each blob.
    for (const b of base) {
      for (let i = 0; i < b.length; i++) blobs.push(b.slice(0, i));
      for (let i = 0; i < b.length; i++) for (const v of [0x00, 0x07, 0x80, 0xff]) blobs.push(b.map((x, k) => (k === i ? v : x)));
    }
    for (const b of blobs) expect(fastOutcome(Uint8Array.from(b)), JSON.stringify(b)).toEqual(outcome(Uint8Array.from(b)));
    // From SQLite's hex(): the same answer when it answers (the reader decodes the bytes otherwise),
    // and an answer for the usual blobs; a longer blob first grows the reused buffer.
    let answered = 0;
    for (const b of [[...new Array(300).fill(0).flatMap(() => item(1, "grow"))], ...blobs]) {
      const hex = Buffer.from(b).toString("hex").toUpperCase();
      const fast = fastBytesExtraHex(hex);
      if (fast === undefined) continue;
      answered++;
      expect(fast, hex).toEqual(decodeBytesExtra(Uint8Array.from(b)));
    }
    expect(answered).toBeGreaterThan(base.length);
    expect(fastBytesExtraHex("0A0")).toBeUndefined();
    expect(fastBytesExtraHex("0G")).toBeUndefined();
  });
});
