import type { DetectResult, Probe } from "../../src/plugin/types.js";

/** True when the head of a JSON object shows the QCE top-level sections (formats-cn.md §0, §10.3). */
export function hasQceSections(text: string): boolean {
  return /"chatInfo"\s*:\s*\{/.test(text) && /"(statistics|messages|metadata)"\s*:/.test(text);
}

/** True when the head looks like a QCE chunked-export manifest rather than a single-file export. */
export function looksLikeManifest(probe: Probe): boolean {
  return /"chunked"\s*:\s*\{/.test(probe.text) || /(^|\/)manifest\.json$/i.test(probe.name);
}

/**
 * Recognises a QCE single-file JSON export: a JSON object whose head holds `chatInfo` with `statistics`,
 * `messages` or `metadata`; `QQChatExporter` in `metadata.name` makes it certain. Chunked manifests are
 * left to qce-jsonl.
 */
export function detectQceJson(probe: Probe): DetectResult | null {
  if (probe.listing || !probe.text) return null;
  const text = probe.text.replace(/^\uFEFF/, "").trimStart();
  if (!text.startsWith("{") || !hasQceSections(text)) return null;
  if (looksLikeManifest(probe)) return { confidence: 0.4, variant: "manifest", reason: "QCE sections, but it looks like a chunked-export manifest" };
  if (/QQChatExporter/.test(text)) return { confidence: 0.97, reason: "JSON with QQChatExporter metadata and chatInfo" };
  return { confidence: 0.85, reason: "JSON with QCE chatInfo/statistics/messages sections" };
}
