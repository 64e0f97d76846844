import type { DiagnosticCollector } from "../diagnostics/collector.js";
import type { InputSource, InputTree } from "../io/source.js";

/** The trees an opened input reaches files through: itself when a folder or zip, else its parent folder. */
export function inputTrees(...roots: (InputSource | InputTree | undefined)[]): InputTree[] {
  const out = new Set<InputTree>();
  for (const r of roots) {
    if (!r) continue;
    if (r.kind === "tree") out.add(r);
    else if (r.parent) out.add(r.parent);
  }
  return [...out];
}

/**
 * Reports, once each, the files the input trees would not open because they lead out of the input
 * folder (see `directoryTree`): they were treated as absent, and this says why.
 */
export function reportRefusedLinks(trees: readonly InputTree[], diagnostics: DiagnosticCollector, origin = "chatport"): void {
  for (const t of trees)
    for (const r of t.refusedLinks?.() ?? [])
      diagnostics.report(origin, "unsafe-entry", {
        message: `${t.name}/${r.path} is a link to ${r.target}, outside the input folder; it was not read (files outside the folder chatport is given never reach the output). Copy the file into the folder to include it.`,
        file: r.path,
        place: { entry: r.path },
        raw: r.target,
      });
}
