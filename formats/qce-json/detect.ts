import { readRootHead } from "../../src/io/json-root-head.js";
import type { DetectResult, Probe } from "../../src/plugin/types.js";

/** The root keys QCE writes (JsonExporter: metadata, chatInfo, statistics, messages, avatars, exportOptions; a manifest adds chunked). */
const QCE_ROOT_KEYS = new Set(["metadata", "chatInfo", "statistics", "messages", "avatars", "exportOptions", "chunked"]);
const EXPORTER_NAME = /"name"\s*:\s*"QQChatExporter/;

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
  if (!text.startsWith("{")) return null;
  if (!hasQceSections(text)) return cutBeforeSections(text, probe);
  if (looksLikeManifest(probe)) return { confidence: 0.4, variant: "manifest", reason: "QCE sections, but it looks like a chunked-export manifest" };
  if (/QQChatExporter/.test(text)) return { confidence: 0.97, reason: "JSON with QQChatExporter metadata and chatInfo" };
  return { confidence: 0.85, reason: "JSON with QCE chatInfo/statistics/messages sections" };
}

/**
 * A QCE object whose head ends before the second section because a value in the first is longer than the
 * probe (a 1 MB `chatInfo.name`, a long `metadata` field): recognised from the root keys the head does
 * hold, every one of them a QCE section. `metadata` naming QQChatExporter is strong evidence; a head that
 * is nothing but `chatInfo` opening with its `name`, cut off in a file that goes on, is enough to be chosen
 * but not to beat a reader with real evidence.
 */
function cutBeforeSections(text: string, probe: Probe): DetectResult | null {
  if (probe.size <= probe.head.length) return null;
  const root = readRootHead(text);
  if (!root?.cutIn || root.keys.length === 0 || !root.keys.every((k) => QCE_ROOT_KEYS.has(k.key))) return null;
  const first = root.keys[0]!.key;
  const reason = `QCE sections ${root.keys.map((k) => k.key).join(", ")}; the rest comes after a value in ${root.cutIn} longer than the probe`;
  let confidence: number;
  if (first === "metadata" && EXPORTER_NAME.test(text)) confidence = 0.9;
  else if (first === "chatInfo" && root.cutIn === "chatInfo" && /^\{\s*"chatInfo"\s*:\s*\{\s*"name"\s*:\s*"/.test(text)) confidence = 0.6;
  else return null;
  if (looksLikeManifest(probe)) return { confidence: 0.4, variant: "manifest", reason: `${reason}, but it looks like a chunked-export manifest` };
  return { confidence, reason };
}
