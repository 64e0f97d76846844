import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { hasQceSections } from "../qce-json/detect.js";

/** True when a line looks like one QCE message object. */
function isQceMessageLine(line: string): boolean {
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    return typeof v === "object" && v !== null && "sender" in v && "content" in v && ("timestamp" in v || "time" in v);
  } catch {
    return false;
  }
}

/**
 * Recognises a QCE chunked-JSONL export: a folder with manifest.json and .jsonl chunks, the manifest
 * itself (`chunked.format: "jsonl"`), or one chunk file whose first line is a QCE message.
 */
export function detectQceJsonl(probe: Probe): DetectResult | null {
  if (probe.listing) {
    const manifest = probe.listing.some((p) => /(^|\/)manifest\.json$/i.test(p));
    const chunks = probe.listing.filter((p) => /(^|\/)chunks\/[^/]+\.jsonl$/i.test(p)).length;
    if (manifest && chunks > 0) return { confidence: 0.95, variant: "folder", reason: `folder with manifest.json and ${chunks} chunks/*.jsonl` };
    if (manifest) return { confidence: 0.5, variant: "folder", reason: "folder with a manifest.json but no chunks/*.jsonl" };
    return null;
  }
  if (!probe.text) return null;
  const text = probe.text.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("{") && /"chunked"\s*:\s*\{/.test(text) && /"format"\s*:\s*"jsonl"/.test(text))
    return { confidence: 0.98, variant: "manifest", reason: "QCE manifest with chunked.format \"jsonl\"" };
  if (/(^|\/)manifest\.json$/i.test(probe.name) && hasQceSections(text))
    return { confidence: 0.9, variant: "manifest", reason: "manifest.json with QCE sections" };
  const first = text.split("\n", 1)[0]!.trim();
  if (first.startsWith("{") && first.endsWith("}") && isQceMessageLine(first))
    return { confidence: probe.extension === ".jsonl" ? 0.9 : 0.7, variant: "chunk", reason: "JSON lines whose first line is a QCE message" };
  return null;
}
