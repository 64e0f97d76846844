import type { DiagnosticCollector } from "../diagnostics/collector.js";
import type { Message } from "../model/schema.js";

/**
 * Whether an attachment path a message names climbs out of the export with `..` parts. Input trees never
 * open such a path (`safeJoin` in src/io/source.ts); this names the attempt, which readers otherwise
 * report as an ordinary missing file. Absolute paths and drive letters are not flagged: real exports
 * record the sender's device paths (`C:\Users\…`, `/var/mobile/…`), which readers look up by name inside
 * the export, and which trees never follow out of it.
 */
export function climbsOut(path: string): boolean {
  return path.includes("..") && path.split(/[\\/]+/).includes("..");
}

/**
 * Reports `unsafe-entry` for each attachment of `m` whose path would leave the export (the engine checks
 * every reader's messages, so no reader can forget it). The attachment keeps what its reader made of it:
 * never opened, so `missing`.
 */
export function reportUnsafeAttachmentPaths(m: Message, diagnostics: DiagnosticCollector, origin: string): void {
  for (const a of m.attachments) {
    if (a.path === undefined || !climbsOut(a.path)) continue;
    diagnostics.report(origin, "unsafe-entry", {
      message: `${m.provenance.file}: the ${a.kind} path "${a.path}" of message ${m.id} climbs out of the export with ..; it was not opened (the attachment is ${a.availability}).`,
      file: m.provenance.file,
      place: m.provenance.at,
      raw: a.path,
    });
  }
}
