import type { ArchiveAssembler } from "./assembler.js";
import { MAX_DEPTH } from "./json-archive.js";

/** Nesting depth of a JSON text, ignoring brackets inside strings; stops counting past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** What the NDJSON stream said about itself. */
export interface NdjsonState {
  header: boolean;
  schemaVersion?: string;
  /** The `end` record: undefined when the stream stops without one. */
  complete?: boolean;
}

/**
 * Handles one line of the `ndjson` writer's event stream: `archive`, `conversation`, `participant`,
 * `message`, `conversation-end`, `diagnostic`, `end` records (see FORMAT.md). Blank lines are skipped
 * and not counted.
 */
export function ndjsonLine(text: string, no: number, a: ArchiveAssembler, st: NdjsonState): void {
  if (text.trim() === "") return;
  const pointer = `/${no - 1}`;
  const bad = (why: string): void => a.reported("unrecognized-record", `line ${no} ${why}`, pointer, text);
  if (jsonDepth(text, MAX_DEPTH) > MAX_DEPTH) return bad(`nests deeper than ${MAX_DEPTH} levels; chatport records never do`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return bad(`is not valid JSON (${(e as Error).message})`);
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) return bad("is not a JSON object");
  const { type, ...rest } = v as Record<string, unknown>;
  switch (type) {
    case "archive":
      if (typeof rest.schemaVersion === "string") st.schemaVersion = rest.schemaVersion;
      st.header = true;
      return a.structural();
    case "conversation":
      return a.openConversation(rest, pointer);
    case "conversation-end": {
      if (!a.isOpen) return bad("closes a conversation that is not open");
      const { stats: _stats, ...conv } = rest;
      a.structural();
      return a.closeConversation(conv, pointer);
    }
    case "message":
      return a.message(rest, pointer);
    case "participant":
      return a.participant(rest, pointer);
    case "diagnostic":
      return a.diagnostic(rest, pointer);
    case "end":
      st.complete = rest.complete === true;
      return a.structural();
    default:
      return bad(`has an unknown record type ${JSON.stringify(type)}`);
  }
}
