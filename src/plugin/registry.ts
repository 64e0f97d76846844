import { ChatportError } from "../diagnostics/errors.js";
import type { DetectResult, Probe, ReaderPlugin, WriterPlugin } from "./types.js";

/** A detection candidate. */
export interface Candidate extends DetectResult {
  reader: ReaderPlugin;
}

/** The one list of formats, keyed by id (STYLE.md §1). */
export class Registry {
  private readonly readerMap = new Map<string, ReaderPlugin>();
  private readonly writerMap = new Map<string, WriterPlugin>();

  constructor(readers: ReaderPlugin[], writers: WriterPlugin[]) {
    for (const r of readers) {
      if (this.readerMap.has(r.id)) throw new Error(`duplicate reader id ${r.id}`);
      this.readerMap.set(r.id, r);
    }
    for (const w of writers) {
      if (this.writerMap.has(w.id)) throw new Error(`duplicate writer id ${w.id}`);
      this.writerMap.set(w.id, w);
    }
  }

  /** All readers, in registration order. */
  readers(): ReaderPlugin[] {
    return [...this.readerMap.values()];
  }

  /** All writers, in registration order. */
  writers(): WriterPlugin[] {
    return [...this.writerMap.values()];
  }

  /** The reader with this id, or a usage error listing the valid ids. */
  reader(id: string): ReaderPlugin {
    const r = this.readerMap.get(id);
    if (!r)
      throw new ChatportError("usage", `Unknown input format "${id}" for --from; valid ids: ${[...this.readerMap.keys()].join(", ")}.`);
    return r;
  }

  /** The writer with this id, or a usage error listing the valid ids. */
  writer(id: string): WriterPlugin {
    const w = this.writerMap.get(id);
    if (!w)
      throw new ChatportError("usage", `Unknown output format "${id}" for --to; valid ids: ${[...this.writerMap.keys()].join(", ")}.`);
    return w;
  }

  /** Confidence below which a detector's claim is not trusted on its own. */
  static readonly MIN_CONFIDENCE = 0.5;

  /** Every reader's claim on the probe, most confident first (ties broken by id for determinism). */
  detect(probe: Probe): Candidate[] {
    const out: Candidate[] = [];
    for (const reader of this.readerMap.values()) {
      let res: DetectResult | null = null;
      try {
        res = reader.detect(probe);
      } catch {
        res = null; // a detector must never break detection of the others
      }
      if (res && res.confidence > 0) out.push({ ...res, reader });
    }
    return out.sort((a, b) => b.confidence - a.confidence || a.reader.id.localeCompare(b.reader.id));
  }
}
