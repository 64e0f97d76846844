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
  if (probe.listing) {
    // A QCE export folder: one .json at the top beside resources/ (the content is checked when read).
    const top = probe.listing.filter((p) => !p.includes("/") && /\.json$/i.test(p) && !/^(manifest|avatars)\.json$/i.test(p));
    const resources = probe.listing.some((p) => p.startsWith("resources/"));
    const chunks = probe.listing.some((p) => p.endsWith(".jsonl"));
    if (top.length === 1 && resources && !chunks) return { confidence: 0.6, variant: "folder", reason: `folder with ${top[0]} and resources/` };
    return null;
  }
  if (!probe.text) return null;
  const text = probe.text.replace(/^\uFEFF/, "").trimStart();
  if (!text.startsWith("{") || !hasQceSections(text)) return null;
  if (looksLikeManifest(probe)) return { confidence: 0.4, variant: "manifest", reason: "QCE sections, but it looks like a chunked-export manifest" };
  if (/QQChatExporter/.test(text)) return { confidence: 0.97, reason: "JSON with QQChatExporter metadata and chatInfo" };
  return { confidence: 0.85, reason: "JSON with QCE chatInfo/statistics/messages sections" };
}
