import { describe, expect, it } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { RecentIds } from "../formats/qce-json/recent-ids.js";
import { ReplyIndex } from "../formats/qce-json/replies.js";
import { SlotTable } from "../src/plugin/slot-table.js";
import { str } from "../formats/qce-json/raw-types.js";
import { RecentMap } from "../src/plugin/recent-map.js";

/** The Map-based reply index qce-json used before issue 7 (the behaviour to keep), window `w`. */
class MapReplyIndex {
  private readonly byQceId = new Map<string, string>();
  private readonly bySenderSecond = new Map<string, { id: string; text: string }[]>();
  private readonly ring: ({ qceId?: string; key?: string } | undefined)[] = [];
  private next = 0;
  constructor(private readonly w: number) {}
  add(qceId: string | undefined, id: string, uin: string | undefined, ms: number | undefined, text: string): void {
    const entry: { qceId?: string; key?: string } = {};
    if (qceId !== undefined) {
      this.byQceId.set(qceId, id);
      entry.qceId = qceId;
    }
    if (uin !== undefined && ms !== undefined) {
      const key = `${uin}|${Math.floor(ms / 1000)}`;
      const list = this.bySenderSecond.get(key);
      if (list) list.push({ id, text });
      else this.bySenderSecond.set(key, [{ id, text }]);
      entry.key = key;
    }
    const old = this.ring[this.next];
    if (old?.qceId !== undefined) this.byQceId.delete(old.qceId);
    if (old?.key !== undefined) {
      const list = this.bySenderSecond.get(old.key);
      if (list && list.length > 1) list.shift();
      else this.bySenderSecond.delete(old.key);
    }
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.w;
  }
  resolve(data: Record<string, unknown>): { id?: string; via?: string } {
    for (const k of ["referencedMessageId", "messageId"]) {
      const ref = str(data[k]);
      const hit = ref && ref !== "0" ? this.byQceId.get(ref) : undefined;
      if (hit) return { id: hit, via: "id" };
    }
    const uin = str(data.senderUin);
    const sec = typeof data.timestamp === "number" ? data.timestamp : undefined;
    const list = uin && sec ? this.bySenderSecond.get(`${uin}|${sec > 1e11 ? Math.floor(sec / 1000) : sec}`) : undefined;
    if (list && list.length === 1) return { id: list[0]!.id, via: "sender-time" };
    const content = str(data.content);
    const same = list && content ? list.filter((c) => c.text.includes(content)) : [];
    return same.length === 1 ? { id: same[0]!.id, via: "sender-time" } : {};
  }
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UINS = ["10001", "10002", "20003", "u-text", "0042", "1|2"];
const TEXTS = ["好的", "好的呀", "ok", "ok then", "在吗", "[图片]", "收到 收到", "a|b"];

/** How {@link compare} makes QCE ids and chatport ids (default: `73…` and `id<n>`). */
interface IdForms {
  qceId(rnd: () => number): string;
  chatportId(qceId: string | undefined, i: number, rnd: () => number): string;
}

/**
 * Ids in every form the windows hold: 19-digit NT ids, 20-digit ids past 2^64, the same digits with a
 * leading zero, short ones, non-numeric ones; chatport ids equal to the QCE id, or `…~2`, or a seq.
 */
const MIXED_IDS: IdForms = {
  qceId(rnd) {
    const n = Math.floor(rnd() * 40);
    const forms = [`73000000000000${10000 + n}`, `1844674407370955${1610 + n}`, `07${n}`, `7${n}`, String(n), `u_${n}`];
    return forms[Math.floor(rnd() * forms.length)]!;
  },
  chatportId(qceId, i, rnd) {
    if (qceId === undefined) return rnd() < 0.8 ? String(1_000_000 + i) : `0${i}`;
    return rnd() < 0.7 ? qceId : `${qceId}~${2 + Math.floor(rnd() * 3)}`;
  },
};

/**
 * Feeds the same messages and reply lookups to both indexes: few senders, few seconds and few texts so
 * that (sender, second) ties, repeated NT ids, verbatim repeats and evictions are all frequent.
 */
function compare(window: number, recent: number, steps: number, seed: number, ids?: IdForms) {
  const rnd = prng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const fresh = new ReplyIndex(window, recent);
  const old = new MapReplyIndex(window);
  const sent: { qceId?: string; uin: string; sec: number; text: string }[] = [];
  let same = 0, unresolved = 0, linked = 0;
  for (let i = 0; i < steps; i++) {
    if (sent.length > 0 && rnd() < 0.4) {
      const back = sent[Math.max(0, sent.length - 1 - Math.floor(rnd() * rnd() * window * 1.5))]!;
      const content = rnd() < 0.5 ? back.text : rnd() < 0.5 ? back.text.slice(0, 1) : pick(TEXTS);
      const data: Record<string, unknown> = { senderUin: back.uin, timestamp: back.sec, content, ...(back.qceId && rnd() < 0.5 ? { referencedMessageId: back.qceId } : {}) };
      const want = old.resolve(data);
      const got = fresh.resolve(data);
      if (got.id === want.id) same++;
      else {
        // The only allowed difference: a tie the new index cannot decide any more is left unresolved.
        expect(got).toEqual({});
        unresolved++;
      }
      if (got.id !== undefined) {
        expect(got.via).toBe(want.via);
        linked++;
      }
    }
    const repeat = sent.length > 0 && rnd() < 0.1 ? sent[Math.floor(rnd() * sent.length)]! : undefined;
    const qceId = ids ? ids.qceId(rnd) : `73${Math.floor(rnd() * window)}`;
    const m = repeat ?? { ...(rnd() < 0.5 ? { qceId } : {}), uin: pick(UINS), sec: 1_700_000_000 + Math.floor(i / 8) + (rnd() < 0.05 ? -Math.floor(rnd() * 50) : 0), text: pick(TEXTS) };
    const ms = rnd() < 0.05 ? undefined : m.sec * 1000 + Math.floor(rnd() * 1000);
    const id = ids ? ids.chatportId(m.qceId, i, rnd) : `id${i}`;
    fresh.add(m.qceId, id, m.uin, ms, m.text);
    old.add(m.qceId, id, m.uin, ms, m.text);
    sent.push(m);
  }
  return { same, unresolved, linked, stats: fresh.stats };
}

describe("qce-json reply index (typed-array window)", () => {
  it("resolves exactly as the Map-based index when every text is held", () => {
    for (const seed of [1, 2, 3]) {
      const r = compare(64, 64, 4000, seed);
      expect(r.unresolved).toBe(0);
      expect(r.same).toBeGreaterThan(1400);
      expect(r.linked).toBeGreaterThan(1100);
    }
  });

  it("resolves exactly as the Map-based index with ids of every form (leading zeros, 20 digits, ~2 repeats, text)", () => {
    for (const seed of [4, 5]) {
      const r = compare(64, 64, 4000, seed, MIXED_IDS);
      expect(r.unresolved).toBe(0);
      expect(r.linked).toBeGreaterThan(1000);
      // Chatport ids that differ from the QCE id are kept apart; non-decimal keys keep their strings.
      expect(r.stats.otherIds).toBeGreaterThan(5);
      expect(r.stats.textIds).toBeGreaterThan(5);
      expect(r.stats.otherIds + r.stats.textIds).toBeLessThan(64);
    }
  });

  it("with few texts held, only ever leaves a tie unresolved, never links another message", () => {
    const r = compare(64, 4, 6000, 7);
    expect(r.same).toBeGreaterThan(2000);
    expect(r.linked).toBeGreaterThan(1600);
    expect(r.unresolved).toBeGreaterThan(0);
    expect(r.stats.chains).toBeLessThanOrEqual(64);
    expect(r.stats.qceIds).toBeLessThanOrEqual(64);
  });

  it("breaks a tie by fingerprint when the text is gone, and keeps texts only for ties", () => {
    const idx = new ReplyIndex(100, 4);
    idx.add(undefined, "a", "10001", 5_000, "first words");
    for (let i = 0; i < 10; i++) idx.add(undefined, `x${i}`, "10002", 6_000 + i * 1000, "filler");
    idx.add(undefined, "b", "10001", 5_500, "other words"); // same sender and second as "a", 11 messages later
    for (let i = 0; i < 4; i++) idx.add(undefined, `y${i}`, "10002", 20_000 + i * 1000, "filler");
    expect(idx.stats.texts).toBe(4 + 1); // the last 4, plus "b" kept for the tie ("a" was already gone)
    expect(idx.resolve({ senderUin: "10001", timestamp: 5, content: "first words" })).toEqual({ id: "a", via: "sender-time" });
    expect(idx.resolve({ senderUin: "10001", timestamp: 5, content: "other" })).toEqual({}); // "a" might hold "other" too
    expect(idx.resolve({ senderUin: "10001", timestamp: 5, content: "words" })).toEqual({});
    idx.add(undefined, "c", "10001", 5_900, "first words"); // a verbatim repeat of "a"'s text: decides for both
    expect(idx.resolve({ senderUin: "10001", timestamp: 5, content: "first" })).toEqual({});
    expect(idx.resolve({ senderUin: "10001", timestamp: 5, content: "other" })).toEqual({ id: "b", via: "sender-time" });
  });

  it("forgets an NT id when its message leaves the window, even after a later repeat claimed it", () => {
    const idx = new ReplyIndex(3, 3);
    idx.add("900", "900", "10001", 1000, "x");
    idx.add("900", "900~2", "10001", 2000, "y");
    expect(idx.resolve({ referencedMessageId: "900" })).toEqual({ id: "900~2", via: "id" });
    idx.add(undefined, "p", undefined, undefined, "");
    idx.add(undefined, "q", undefined, undefined, ""); // evicts the first "900": the Map deleted the key
    expect(idx.resolve({ referencedMessageId: "900" })).toEqual({});
  });

  it("holds under 55 bytes a message at a full 200,000-message window of seq ids (id strings: 72, Maps: 330)", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const ids = Array.from({ length: 400_000 }, (_, i) => String(1_000_000 + i));
    const texts = Array.from({ length: 64 }, (_, i) => `消息内容 ${i} 好的收到`);
    const settled = () => {
      for (let i = 0; i < 4; i++) gc(); // one call can leave sweeping unfinished and heapUsed off by MBs
      return process.memoryUsage();
    };
    const before = settled();
    const idx = new ReplyIndex();
    const seen = new RecentIds(200_000);
    for (let i = 0; i < ids.length; i++) {
      seen.see(ids[i]!);
      idx.add(undefined, ids[i]!, String(10_000 + (i % 150)), 1_600_000_000_000 + i * 700, texts[i % 64]!);
    }
    const after = settled();
    const perMessage = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / 200_000;
    expect(idx.stats.chains).toBeLessThanOrEqual(200_000);
    expect(seen.size).toBe(200_000);
    // Measured: 35 B a message (ids held as numbers); 72 B with the id strings in JS arrays; the
    // Map-based windows (MapReplyIndex + RecentMap) 332 B on this input.
    expect(perMessage).toBeLessThan(55);
  });

  it("holds NT ids (19 digits, a fresh string per message as JSON.parse gives) off the JS heap: under 130 bytes a message (162 before)", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const settled = () => {
      for (let i = 0; i < 4; i++) gc();
      return process.memoryUsage();
    };
    const texts = Array.from({ length: 64 }, (_, i) => `消息内容 ${i} 好的收到`);
    const before = settled();
    const idx = new ReplyIndex();
    const seen = new RecentIds(200_000);
    for (let i = 0; i < 400_000; i++) {
      const id = (7_300_000_000_000_000_000n + BigInt(i) * 7919n).toString();
      seen.see(id);
      idx.add(id, id, String(10_000 + (i % 150)), 1_600_000_000_000 + i * 700, texts[i % 64]!);
    }
    const after = settled();
    const perMessage = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / 200_000;
    expect(idx.resolve({ referencedMessageId: "7300000003167592081" })).toEqual({ id: "7300000003167592081", via: "id" }); // i = 399,999
    expect(idx.resolve({ referencedMessageId: "7300000000000000000" })).toEqual({}); // left the window
    expect(seen.size).toBe(200_000);
    // Measured: 109 B a message (typed arrays; the ids as 64-bit numbers); 162 B with the id strings in JS arrays.
    expect(perMessage).toBeLessThan(130);
  });
});

describe("qce-json duplicate window", () => {
  it("counts repeats and evicts exactly as a RecentMap for ids of every form (07 vs 7, 20 digits, ~2, text)", () => {
    const rnd = prng(12);
    const fresh = new RecentIds(40);
    const ref = new RecentMap<string, number>(40);
    const forms = (n: number) => [`730000000000${7_000_000 + n}`, `184467440737095516${10 + n}`, `0${n}`, String(n), `${n}~2`, `qce:${n}`];
    for (let i = 0; i < 20_000; i++) {
      const f = forms(Math.floor(rnd() * (rnd() < 0.5 ? 12 : 90)));
      const id = f[Math.floor(rnd() * f.length)]!;
      const n = ref.get(id);
      ref.set(id, (n ?? 0) + 1);
      expect(fresh.see(id)).toBe(n ?? 0);
    }
    expect(fresh.size).toBe(40);
    // Only the non-decimal ids (leading zero, ~2, text) are held as strings.
    expect(fresh.textIds).toBeGreaterThan(5);
    expect(fresh.textIds).toBeLessThan(40);
  });

  it("forgets the oldest distinct id first; a repeat keeps its age", () => {
    const w = new RecentIds(3);
    expect(w.see("7300000000000000001")).toBe(0);
    expect(w.see("07")).toBe(0);
    expect(w.see("7")).toBe(0);
    expect(w.see("7300000000000000001")).toBe(1); // a repeat: still the oldest
    expect(w.see("18446744073709551615")).toBe(0); // evicts 7300000000000000001
    expect(w.see("07")).toBe(1);
    expect(w.see("7300000000000000001")).toBe(0); // forgotten; evicts "07", the oldest now (its repeat kept its age)
    expect(w.textIds).toBe(0); // "07" was the one id held as a string
    expect(w.see("7")).toBe(1);
    expect(w.see("18446744073709551615")).toBe(1);
    expect(w.see("07")).toBe(0);
    expect(w.textIds).toBe(1);
  });

  it("counts repeats as a RecentMap trimmed to its newest distinct ids", () => {
    const rnd = prng(11);
    const fresh = new RecentIds(50);
    const ref = new RecentMap<string, number>(50);
    for (let i = 0; i < 20_000; i++) {
      const id = String(Math.floor(rnd() * (rnd() < 0.5 ? 60 : 400)));
      const n = ref.get(id);
      ref.set(id, (n ?? 0) + 1);
      expect(fresh.see(id)).toBe(n ?? 0);
    }
    expect(fresh.size).toBe(50);
  });
});

describe("SlotTable", () => {
  it("finds, replaces and removes entries under heavy hash collisions (backward shift across the wrap)", () => {
    const keys: (number | undefined)[] = [];
    const hashOf = (slot: number) => (keys[slot]! % 7) * 146 + 1000; // few homes near the table's end
    const t = new SlotTable(hashOf);
    const live = new Map<number, number>(); // key -> slot
    const rnd = prng(5);
    for (let i = 0; i < 30_000; i++) {
      const key = Math.floor(rnd() * 600);
      const has = live.get(key);
      const found = t.find(hashOf2(key), (s) => keys[s] === key);
      expect(found).toBe(has ?? -1);
      if (has !== undefined && rnd() < 0.6) {
        t.remove(hashOf2(key), has);
        live.delete(key);
        keys[has] = undefined;
      } else if (has === undefined) {
        const slot = keys.length;
        keys[slot] = key;
        t.insert(hashOf2(key), slot);
        live.set(key, slot);
      }
    }
    expect(t.size).toBe(live.size);
    function hashOf2(key: number) {
      return (key % 7) * 146 + 1000;
    }
  });
});
