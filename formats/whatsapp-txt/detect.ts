import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { parseHeader } from "./grammar.js";
import { isBlank } from "./normalize.js";

/**
 * Recognises a WhatsApp "Export chat" text by its header lines (formats-intl.md §1.3): the first
 * non-empty line must start a message, and most message-looking lines of the head must share its shape.
 */
export function detectWhatsAppTxt(probe: Probe): DetectResult | null {
  if (!probe.text || probe.listing) return null;
  const lines = probe.text.split(/\r\n|\n|\r/, 300);
  if (lines.length > 1 && probe.text.length >= 64 * 1024 - 4) lines.pop(); // the head may cut the last line
  const first = lines.find((l) => !isBlank(l));
  if (first === undefined) return null;
  const h = parseHeader(first);
  if (!h) return null;
  let same = 0;
  for (const l of lines) if (parseHeader(l)?.shape === h.shape) same++;
  let reason = `${same} WhatsApp ${h.family} header line${same === 1 ? "" : "s"} (${describe(h.shape)})`;
  // WhatsApp for iOS always writes seconds (formats-intl.md §1.3) and names its exports .txt: a
  // bracketed header without seconds, or a .md file, is more likely another exporter's (signal-export's
  // chat.md writes `[2019-12-24, 12:23] Name:` and `[2024-05-01 09:15:02] Name:`). Still readable with --from.
  const unlike = h.family === "ios" && !h.shape.split("|")[4] ? "iOS writes seconds" : probe.extension === ".md" ? "WhatsApp writes .txt" : undefined;
  if (unlike) reason += `, but ${unlike}`;
  if (same >= 2 && !unlike) return { confidence: 0.95, variant: h.family, reason };
  return { confidence: unlike ? 0.6 : 0.7, variant: h.family, reason };
}

function describe(shape: string): string {
  const [family, date, , timeSep, sec, clock, tf] = shape.split("|");
  const d = (date ?? "").slice(2);
  return `${family === "ios" ? "[date, time]" : family === "old-ios" ? "date, time:" : "date, time -"} ${d.length}-part date${tf ? ", time first" : ""}, ${clock}-hour${sec ? " with seconds" : ""}${timeSep === "." ? ", dotted time" : ""}`;
}
