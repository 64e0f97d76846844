import { DIAGNOSTIC_CODES, type DiagnosticCode } from "../diagnostics/codes.js";
import type { ConvertResult } from "../pipeline/convert.js";

/** The end-of-run summary printed on stderr. */
export function summaryText(r: ConvertResult, outputLabel: string): string {
  // Thousands separators without the host locale (output must not depend on LANG).
  const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const lines = [
    `Read ${fmt(r.conversations)} conversation${r.conversations === 1 ? "" : "s"}, ${fmt(r.messages)} message${r.messages === 1 ? "" : "s"}, ${fmt(r.participants)} participant${r.participants === 1 ? "" : "s"} with ${r.reader.id}${r.reader.variant ? ` (${r.reader.variant})` : ""}.`,
    `Wrote ${r.writer.id}: ${outputLabel}`,
  ];
  const codes = Object.entries(r.diagnosticCounts).sort(([a], [b]) => a.localeCompare(b));
  if (codes.length) {
    lines.push("Diagnostics:");
    for (const [code, n] of codes) {
      const info = DIAGNOSTIC_CODES[code as DiagnosticCode];
      lines.push(`  ${code} ×${fmt(n)} (${info?.severity ?? "?"}): ${info?.summary ?? ""}`);
    }
  } else lines.push("Diagnostics: none.");
  return lines.join("\n") + "\n";
}
