/**
 * Reads a written `.rsmf` back the way a receiving platform would (a real MIME parser, an independent
 * unzip) and runs the checks the RSMF JSON Schema cannot do (audit-outputs.md §5.2): references resolve,
 * header counts and dates agree with the manifest, the zip holds exactly the files the manifest names.
 */
import { unzipSync } from "fflate";
import PostalMime, { decodeWords } from "postal-mime";

/** An `.rsmf` file taken apart. */
export interface ParsedRsmf {
  /** The raw EML text (7-bit). */
  raw: string;
  /** Header name (lower-case) → unfolded raw value. */
  rawHeaders: Map<string, string>;
  /** Unfolded headers with RFC 2047 encoded-words decoded (postal-mime's decoder). */
  headers: Map<string, string>;
  /** The text/plain part, decoded. */
  text: string;
  /** Lines of the base64 body of the rsmf.zip part. */
  zipLines: string[];
  /** Files in rsmf.zip, name → bytes. */
  zip: Record<string, Uint8Array>;
  /** Names in the order the zip lists them. */
  zipNames: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  manifest: any;
  /** MIME parts postal-mime found as attachments. */
  attachmentCount: number;
  attachmentFilename: string | undefined;
}

/** Parses an .rsmf file; throws on structural problems a parser would trip over. */
export async function parseRsmf(bytes: Uint8Array): Promise<ParsedRsmf> {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7e && bytes[i] !== 0x7f) throw new Error(`non-ASCII byte at ${i}`);
  const raw = Buffer.from(bytes).toString("latin1");
  if (/[^\r]\n/.test(raw) || /\r[^\n]/.test(raw)) throw new Error("line end that is not CRLF");
  const headEnd = raw.indexOf("\r\n\r\n");
  const rawHeaders = new Map<string, string>();
  for (const field of raw.slice(0, headEnd).split(/\r\n(?![ \t])/)) {
    const c = field.indexOf(":");
    rawHeaders.set(field.slice(0, c).toLowerCase(), field.slice(c + 1).replace(/\r\n[ \t]/g, " ").trim());
  }
  for (const line of raw.split("\r\n")) if (line.length > 998) throw new Error("line longer than 998 characters");
  const email = await PostalMime.parse(Buffer.from(bytes));
  const headers = new Map<string, string>([...rawHeaders].map(([k, v]) => [k, decodeWords(v)]));
  const att = email.attachments;
  const boundary = /boundary="([^"]+)"/.exec(rawHeaders.get("content-type") ?? "")?.[1];
  if (!boundary) throw new Error("no boundary");
  const parts = raw.split(`--${boundary}`);
  const zipPart = parts.find((p) => /filename="rsmf\.zip"/.test(p));
  if (!zipPart) throw new Error("no rsmf.zip part");
  const zipLines = zipPart.slice(zipPart.indexOf("\r\n\r\n") + 4).split("\r\n").filter((l) => l !== "");
  const content = att[0] ? new Uint8Array(att[0].content as ArrayBuffer) : new Uint8Array(0);
  const zip = unzipSync(content);
  const zipNames = Object.keys(zip);
  const manifestBytes = zip["rsmf_manifest.json"];
  if (!manifestBytes) throw new Error("no rsmf_manifest.json in rsmf.zip");
  return {
    raw,
    rawHeaders,
    headers,
    text: email.text ?? "",
    zipLines,
    zip,
    zipNames,
    manifest: JSON.parse(new TextDecoder().decode(manifestBytes)),
    attachmentCount: att.length,
    attachmentFilename: att[0]?.filename ?? undefined,
  };
}

const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The checks the schema cannot do; returns the problems found (empty = fine). */
export function rsmfProblems(p: ParsedRsmf): string[] {
  const bad: string[] = [];
  const m = p.manifest;
  const h = (name: string) => p.rawHeaders.get(name.toLowerCase());
  if (h("X-RSMF-Version") !== "2.0.0") bad.push(`X-RSMF-Version is ${h("X-RSMF-Version")}`);
  if (m.version !== "2.0.0") bad.push("manifest version");
  if (p.attachmentCount !== 1 || p.attachmentFilename !== "rsmf.zip") bad.push(`attachments: ${p.attachmentCount} ${p.attachmentFilename}`);
  if (!/Content-Transfer-Encoding: base64/i.test(p.raw.slice(p.raw.indexOf('filename="rsmf.zip"') - 200))) bad.push("rsmf.zip not base64");
  p.zipLines.forEach((l, i) => {
    if (!/^[A-Za-z0-9+/=]+$/.test(l)) bad.push(`zip base64 line ${i} has other characters`);
    if (i < p.zipLines.length - 1 ? l.length !== 76 : l.length > 76) bad.push(`zip base64 line ${i} is ${l.length} long`);
  });

  const participants = new Set<string>();
  for (const x of m.participants) {
    if (participants.has(x.id)) bad.push(`duplicate participant ${x.id}`);
    participants.add(x.id);
  }
  const conversations = new Map<string, Set<string>>();
  for (const c of m.conversations) {
    if (conversations.has(c.id)) bad.push(`duplicate conversation ${c.id}`);
    conversations.set(c.id, new Set());
    for (const q of c.participants) if (!participants.has(q)) bad.push(`conversation ${c.id} names unknown participant ${q}`);
    if (c.custodian !== undefined && !c.participants.includes(c.custodian)) bad.push(`custodian ${c.custodian} not in conversation ${c.id}`);
  }
  for (const e of m.events) {
    const ids = conversations.get(e.conversation);
    if (!ids) bad.push(`event ${e.id} in unknown conversation ${e.conversation}`);
    else if (e.id !== undefined) {
      if (ids.has(e.id)) bad.push(`duplicate event id ${e.id}`);
      ids.add(e.id);
    }
  }
  let attachments = 0;
  const referenced = new Set<string>();
  const stamps: number[] = [];
  const checkTime = (t: string | undefined, what: string) => {
    if (t === undefined) return;
    if (!OFFSET_TIME.test(t)) bad.push(`${what} timestamp ${t} lacks Z or an offset`);
  };
  for (const e of m.events) {
    if (e.participant !== undefined && !participants.has(e.participant)) bad.push(`event ${e.id} from unknown participant ${e.participant}`);
    if (e.parent !== undefined && !conversations.get(e.conversation)?.has(e.parent)) bad.push(`event ${e.id} parent ${e.parent} unresolved`);
    for (const r of e.reactions ?? []) for (const q of r.participants ?? []) if (!participants.has(q)) bad.push(`reaction by unknown ${q}`);
    for (const ed of e.edits ?? []) {
      if (!participants.has(ed.participant)) bad.push(`edit by unknown ${ed.participant}`);
      checkTime(ed.timestamp, `edit of ${e.id}`);
    }
    for (const a of e.attachments ?? []) {
      attachments++;
      referenced.add(a.id);
      const f = p.zip[a.id];
      if (!f) bad.push(`attachment ${a.id} not in rsmf.zip`);
      else if (a.size !== undefined && a.size !== f.byteLength) bad.push(`attachment ${a.id} size ${a.size} ≠ ${f.byteLength}`);
    }
    for (const c of e.custom ?? []) if (typeof c.value !== "string" || c.value === "") bad.push(`event ${e.id} custom ${c.name} empty`);
    checkTime(e.timestamp, `event ${e.id}`);
    if (e.timestamp !== undefined) stamps.push(Date.parse(e.timestamp));
  }
  for (const name of p.zipNames) if (name !== "rsmf_manifest.json" && !referenced.has(name)) bad.push(`zip file ${name} has no reference`);
  if (h("X-RSMF-EventCount") !== String(m.events.length)) bad.push(`X-RSMF-EventCount ${h("X-RSMF-EventCount")} ≠ ${m.events.length}`);
  if (h("X-RSMF-AttachmentCount") !== String(attachments)) bad.push(`X-RSMF-AttachmentCount ${h("X-RSMF-AttachmentCount")} ≠ ${attachments}`);
  if (h("X-RSMF-EventCollectionID") !== m.eventcollectionid) bad.push("X-RSMF-EventCollectionID differs from the manifest");
  if (stamps.length) {
    const begin = h("X-RSMF-BeginDate");
    const end = h("X-RSMF-EndDate");
    if (begin === undefined || Date.parse(begin) !== Math.min(...stamps)) bad.push(`X-RSMF-BeginDate ${begin} is not the first event`);
    if (end === undefined || Date.parse(end) !== Math.max(...stamps)) bad.push(`X-RSMF-EndDate ${end} is not the last event`);
    checkTime(begin, "BeginDate");
    checkTime(end, "EndDate");
  } else if (h("X-RSMF-BeginDate") !== undefined) bad.push("BeginDate without timestamps");
  return bad;
}
