import type { DetectResult, Probe } from "../../src/plugin/types.js";

const SCHEMA = /"schemaVersion"\s*:\s*"/;
const GENERATOR = /"generator"\s*:\s*\{\s*"name"\s*:\s*"chatport"/;
const NDJSON_HEAD = /^\{\s*"type"\s*:\s*"archive"\s*,/;

/**
 * Recognises chatport's own JSON outputs by their header: `"schemaVersion"` and
 * `"generator": {"name": "chatport"` near the start. The NDJSON stream starts with an `archive`
 * record on its first line; the archive is one object spanning many lines.
 */
export function detectChatportJson(probe: Probe): DetectResult | null {
  if (probe.listing || !probe.text) return null;
  const text = probe.text.replace(/^\uFEFF/, "").trimStart();
  if (!text.startsWith("{")) return null;
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  if (NDJSON_HEAD.test(firstLine) && SCHEMA.test(firstLine) && GENERATOR.test(firstLine))
    return { confidence: 0.99, variant: "ndjson", reason: "first line is a chatport NDJSON archive record" };
  const head = text.slice(0, 4096);
  if (SCHEMA.test(head) && GENERATOR.test(head))
    return { confidence: 0.99, variant: "json", reason: "object with schemaVersion and generator.name \"chatport\"" };
  return null;
}
