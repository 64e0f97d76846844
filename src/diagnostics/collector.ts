import type { Diagnostic, Place } from "../model/schema.js";
import { ownedCopy, ownedString } from "../io/owned-string.js";
import { DIAGNOSTIC_CODES, severityOf, type DiagnosticCode } from "./codes.js";

/** What a reader or writer says when it reports a finding. */
export interface Report {
  message: string;
  file?: string;
  place?: Place;
  raw?: string;
  /**
   * Set when the finding is not this read's but restated from an archive read back (chatport-json):
   * it is kept, but is no line or record this read failed to recognise.
   */
  restated?: boolean;
}

/** Per-code detail kept before the collector only counts (memory stays flat on huge broken inputs). */
export const MAX_DETAILED_PER_CODE = 1000;
const MAX_RAW = 2000;

/**
 * Collects diagnostics as values. The first {@link MAX_DETAILED_PER_CODE} of each code and origin are
 * kept whole; the rest are counted into one summary entry, so nothing goes unreported.
 */
export class DiagnosticCollector {
  private readonly detailed: Diagnostic[] = [];
  private readonly counts = new Map<string, number>();
  private readonly overflow = new Map<string, Diagnostic>();
  private readonly restated = new Map<string, number>();
  private readonly restatedKept = new WeakSet<Diagnostic>();

  /** Records one finding under a code; severity comes from the code table. */
  report(origin: string, code: DiagnosticCode, r: Report): void {
    if (!(code in DIAGNOSTIC_CODES)) throw new Error(`unknown diagnostic code ${code}`);
    const key = origin + "\u0000" + code;
    if (r.restated) this.restated.set(code, (this.restated.get(code) ?? 0) + 1);
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= MAX_DETAILED_PER_CODE) {
      // Kept to the end: copies, not views into the reader's input chunks (see ownedString).
      const d: Diagnostic = { code, severity: severityOf(code), message: ownedString(r.message), origin };
      if (r.file !== undefined) d.file = ownedString(r.file);
      if (r.place !== undefined) d.place = ownedCopy(r.place);
      if (r.raw !== undefined) d.raw = ownedString(r.raw.length > MAX_RAW ? r.raw.slice(0, MAX_RAW) + "…" : r.raw);
      if (r.restated) this.restatedKept.add(d);
      this.detailed.push(d);
      return;
    }
    const o = this.overflow.get(key);
    if (o) o.count = (o.count ?? 0) + 1;
    else
      this.overflow.set(key, {
        code,
        severity: severityOf(code),
        origin,
        message: `${code}: further occurrences after the first ${MAX_DETAILED_PER_CODE} are only counted`,
        count: 1,
      });
  }

  /** All diagnostics: the detailed ones in report order, then one counted entry per overflowing code. */
  list(): Diagnostic[] {
    return [...this.detailed, ...this.overflow.values()];
  }

  /** True for a kept diagnostic that was reported as {@link Report.restated}. */
  isRestated(d: Diagnostic): boolean {
    return this.restatedKept.has(d);
  }

  /** Occurrences of a code reported as {@link Report.restated} (all origins). */
  restatedCount(code: DiagnosticCode): number {
    return this.restated.get(code) ?? 0;
  }

  /** Total occurrences per code (all origins). */
  countsByCode(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, n] of this.counts) {
      const code = key.slice(key.indexOf("\u0000") + 1);
      out[code] = (out[code] ?? 0) + n;
    }
    return out;
  }

  /** Occurrences at warning severity or above (what --strict fails on). */
  warningsOrWorse(): number {
    let n = 0;
    for (const [key, c] of this.counts) {
      const code = key.slice(key.indexOf("\u0000") + 1) as DiagnosticCode;
      if (severityOf(code) !== "info") n += c;
    }
    return n;
  }
}

