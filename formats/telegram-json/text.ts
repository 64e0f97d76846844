import type { TextPart } from "../../src/model/schema.js";
import type { Json, JsonObject } from "./json-walk.js";

/** The plain text of a message and its styled runs. */
export interface TextResult {
  text: string;
  /** Set when the source had any run other than plain text (bold, link, mention …). */
  parts?: TextPart[];
  /** Entries of `text`/`text_entities` that were neither strings nor `{type, text}` objects (kept raw). */
  odd: Json[];
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** One run of a `text` array or of `text_entities`: a plain string, or an entity object. */
function toPart(v: Json, odd: Json[]): TextPart | undefined {
  if (typeof v === "string") return { type: "plain", text: v };
  if (!isObject(v) || typeof v.type !== "string" || typeof v.text !== "string") {
    odd.push(v);
    return undefined;
  }
  const part: TextPart = { type: v.type, text: v.text };
  const extra: Record<string, unknown> = {};
  for (const k in v) {
    if (k === "type" || k === "text") continue;
    const val = v[k];
    if (k === "href" && typeof val === "string") part.href = val;
    else if (k === "user_id" && (typeof val === "number" || typeof val === "string")) part.userId = `tg:user${val}`; // the participant id of that user (people.ts)
    else extra[k] = val;
  }
  for (const _ in extra) {
    part.extra = extra;
    break;
  }
  return part;
}

/**
 * Reads `text` (a string, or an array of strings and entity objects) and `text_entities` (always
 * objects, plain runs typed "plain"; formats-intl.md §3.3). The text is the concatenation of the runs'
 * texts; `parts` keeps the runs when any is not plain. `text_entities` is preferred when present.
 */
export function readText(textV: Json | undefined, entitiesV: Json | undefined): TextResult {
  const odd: Json[] = [];
  let runs: TextPart[] | undefined;
  let text: string | undefined;
  if (Array.isArray(entitiesV)) {
    runs = [];
    for (const e of entitiesV) {
      const p = toPart(e, odd);
      if (p) runs.push(p);
    }
  }
  if (typeof textV === "string") text = textV;
  else if (Array.isArray(textV)) {
    const fromText: TextPart[] = [];
    const oddText: Json[] = [];
    for (const e of textV) {
      const p = toPart(e, oddText);
      if (p) fromText.push(p);
    }
    text = fromText.map((p) => p.text).join("");
    if (!runs) runs = fromText;
    // Kept whatever the entities say: the text's own odd entries are in neither the text nor the runs.
    for (const o of oddText) odd.push(o);
  } else if (textV !== undefined && textV !== null) odd.push(textV);
  if (text === undefined) text = runs ? runs.map((p) => p.text).join("") : "";
  const out: TextResult = { text, odd };
  if (runs && runs.some((p) => p.type !== "plain")) out.parts = runs;
  return out;
}
