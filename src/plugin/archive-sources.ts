import type { SourceFile } from "../model/schema.js";
import type { ArchiveInfo, ArchiveTotals } from "./types.js";

/**
 * A writer's view of the input files of {@link ArchiveInfo} without its `sources` list: convert gives
 * them one at a time from the flat digest table, so a folder input of 100,000 files does not become
 * 100,000 objects held at once (~20 MB, and the json writer stringified them into one more string).
 * Infos made by hand with only `sources` work the same.
 */

/** The input files of `info` in order: {@link ArchiveInfo.eachSource} when set, else its list. */
export function sourcesOf(info: ArchiveInfo): Iterable<SourceFile> {
  return info.eachSource ? info.eachSource() : info.sources;
}

/** How many input files `info` has. */
export function sourceCountOf(info: ArchiveInfo): number {
  return info.sourceCount ?? info.sources.length;
}

/** The first input file of `info`, if any. */
export function firstSource(info: ArchiveInfo): SourceFile | undefined {
  for (const s of sourcesOf(info)) return s;
  return undefined;
}

/**
 * `info` with `totals` set. Its properties are copied as they are defined: a spread (`{ ...info }`) reads
 * every getter, and convert's `sources` is a getter that makes the whole list.
 */
export function withTotals(info: ArchiveInfo, totals: ArchiveTotals): ArchiveInfo {
  const { totals: _, ...props } = Object.getOwnPropertyDescriptors(info);
  return Object.defineProperties({}, { ...props, totals: { value: totals, enumerable: true, writable: true, configurable: true } }) as ArchiveInfo;
}
