import { isBlankRecord, readCsvRecords } from "../../src/io/csv-records.js";
import { detectEncoding, type EncodingInfo } from "../../src/io/decode.js";
import type { InputSource } from "../../src/io/source.js";
import { RepeatSketch } from "./repeat-sketch.js";

/** How a CSV reader finds its keys: the header it accepts, and a record's key under that header. */
export interface CsvKeys<H> {
  /** The header's reading of the first non-blank record; undefined when it is not this format's header. */
  header(fields: string[]): H | undefined;
  /** The key a data record will claim in the second pass (undefined: none). A superset is fine. */
  key(header: H, fields: string[]): string | undefined;
  /**
   * A later record that is a header of this format (two exports joined): the header the records after
   * it are read by, or undefined for a data record. The second pass must switch at the same records.
   */
  again?(header: H, fields: string[]): H | undefined;
}

/**
 * The first pass of the CSV readers that must find repeated ids (pywxdump-csv, wechatmsg-csv): every
 * key of every file into one {@link RepeatSketch}, so the second pass remembers only the keys it flags.
 * Records are split by the same parser as the second pass, so every key that pass claims is counted; a
 * file whose header is not the format's is skipped here and refused there. Each file's encoding is
 * returned for the second pass: detection reads the whole file (0.27 s at 1M rows).
 */
export async function sketchCsvKeys<H>(files: InputSource[], keys: CsvKeys<H>): Promise<{ sketch: RepeatSketch; encodings: Map<InputSource, EncodingInfo> }> {
  const sketch = new RepeatSketch(files.reduce((n, f) => n + f.size, 0));
  const encodings = new Map<InputSource, EncodingInfo>();
  const quiet = { report: () => {} };
  for (const f of files) {
    const encoding = await detectEncoding(f);
    encodings.set(f, encoding);
    let header: H | undefined;
    for await (const rec of readCsvRecords(f, quiet, { encoding })) {
      if (header === undefined) {
        if (isBlankRecord(rec)) continue;
        header = keys.header(rec.fields);
        if (header === undefined) break;
        continue;
      }
      const next = keys.again?.(header, rec.fields);
      if (next !== undefined) {
        header = next;
        continue;
      }
      const key = keys.key(header, rec.fields);
      if (key !== undefined) sketch.add(key);
    }
  }
  return { sketch, encodings };
}
