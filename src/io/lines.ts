/** One physical line of a text input. */
export interface Line {
  /** The text without its line end. */
  text: string;
  /** 1-based line number. */
  no: number;
  /** The line end that closed it: CRLF, bare LF, a lone CR (a CR-only input), or none (last line without a newline). */
  eol: "\r\n" | "\n" | "\r" | "";
}

/** The lines of one decoded chunk: parallel arrays, so hot loops allocate no object per line. */
export interface LineBatch {
  /** Line number of `texts[0]`. */
  first: number;
  texts: string[];
  /** True where the line ended in CRLF (false: bare LF, or the unterminated last line). */
  crlf: boolean[];
  /** True when the last line of the input had no line end (only in the final batch). */
  unterminatedLast: boolean;
  /** Set when the input's lines end in lone CRs (see {@link splitLineBatches}); crlf is then false for them. */
  crOnly?: true;
}

/** Characters at the start of a text that decide whether its lines end in lone CRs. */
export const LINE_END_PROBE = 1 << 16;

/**
 * True when a text's head says its lines end in lone CRs (classic Mac OS, some converters): a CR that no
 * LF follows, and no LF at all in the first {@link LINE_END_PROBE} characters. A lone CR in a file with
 * LF line ends is text.
 */
export function isCrOnlyText(head: string): boolean {
  const probe = head.length > LINE_END_PROBE ? head.slice(0, LINE_END_PROBE) : head;
  if (probe.includes("\n")) return false;
  const cr = probe.indexOf("\r");
  return cr !== -1 && cr < probe.length - 1;
}

/**
 * Splits decoded text chunks into batches of lines at LF, recording whether each ended in CRLF or a
 * bare LF (QQ TXT marks user line breaks with bare LF inside CRLF structure: formats-cn.md §1.2).
 * A lone CR is text, unless the head of the text says the lines end in lone CRs ({@link isCrOnlyText}):
 * then CR, CRLF and LF all end lines. The decision depends on the text only, never on how it was chunked.
 */
export async function* splitLineBatches(chunks: AsyncIterable<string>): AsyncIterable<LineBatch> {
  const it = chunks[Symbol.asyncIterator]();
  const head: string[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < LINE_END_PROBE) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    head.push(r.value);
    headLength += r.value.length;
  }
  const first = head.length > 1 ? head.join("") : (head[0] ?? "");
  const all = (async function* () {
    let done = ended;
    try {
      if (first) yield first;
      while (!done) {
        const r = await it.next();
        if (r.done) done = true;
        else yield r.value;
      }
    } finally {
      // A caller that stops early must still end the source (its reader closes its file there).
      if (!done) await it.return?.();
    }
  })();
  yield* isCrOnlyText(first) ? splitAtAnyLineEnd(all) : splitAtLf(all);
}

async function* splitAtLf(chunks: AsyncIterable<string>): AsyncIterable<LineBatch> {
  let rest = "";
  // Pieces of a line longer than one chunk: joined once its end arrives. Concatenating and rescanning
  // `rest` per chunk made a 60 MB line quadratic (47 s); only the new chunk is searched now.
  let pending: string[] = [];
  let no = 1;
  for await (const chunk of chunks) {
    const first = chunk.indexOf("\n");
    if (first === -1) {
      if (rest) pending.push(rest);
      rest = "";
      pending.push(chunk);
      continue;
    }
    const texts: string[] = [];
    const crlf: boolean[] = [];
    let buf = chunk;
    let start = 0;
    let nl: number = first;
    if (pending.length) {
      // The end of a line longer than a chunk (`rest` is empty then: it went to `pending`): built by one
      // join, and the chunk scanned on its own. Prefixing the line to the chunk flattened one more copy.
      const long = endLongLine(pending, chunk, first);
      texts.push(long.text);
      crlf.push(long.cr);
      pending = [];
      start = first + 1;
      nl = chunk.indexOf("\n", start);
    } else if (rest) {
      buf = rest + chunk;
      nl = rest.length + first;
    }
    while (nl !== -1) {
      const cr = nl > start && buf.charCodeAt(nl - 1) === 13;
      texts.push(buf.slice(start, cr ? nl - 1 : nl));
      crlf.push(cr);
      start = nl + 1;
      nl = buf.indexOf("\n", start);
    }
    rest = buf.slice(start);
    if (texts.length) {
      yield { first: no, texts, crlf, unterminatedLast: false };
      no += texts.length;
    }
  }
  if (pending.length) rest = pending.join("") + rest;
  if (rest !== "") yield { first: no, texts: [rest], crlf: [false], unterminatedLast: true };
}

/**
 * The line that `pieces` (its text so far, no line end in it) and `chunk` up to its LF at `lf` make:
 * one join, so a line of many chunks is copied once. A CR just before the LF (in either) is its CRLF.
 */
function endLongLine(pieces: string[], chunk: string, lf: number): { text: string; cr: boolean } {
  if (lf > 0) {
    const cr = chunk.charCodeAt(lf - 1) === 13;
    pieces.push(chunk.slice(0, cr ? lf - 1 : lf));
    return { text: pieces.join(""), cr };
  }
  const last = pieces[pieces.length - 1]!;
  const cr = last.charCodeAt(last.length - 1) === 13;
  if (cr) pieces[pieces.length - 1] = last.slice(0, -1);
  return { text: pieces.join(""), cr };
}

/** The CR-only mode of {@link splitLineBatches}: CRLF, CR and LF each end a line. */
async function* splitAtAnyLineEnd(chunks: AsyncIterable<string>): AsyncIterable<LineBatch> {
  let rest = "";
  let pending: string[] = [];
  let no = 1;
  const ends = /\r\n?|\n/g;
  /** The lines of `buf` that are known to be complete; the rest stays in `rest`. */
  const cut = (buf: string, final: boolean, lead?: { text: string; cr: boolean }): LineBatch | undefined => {
    const texts: string[] = lead ? [lead.text] : [];
    const crlf: boolean[] = lead ? [lead.cr] : [];
    let start = 0;
    ends.lastIndex = 0;
    for (let m = ends.exec(buf); m; m = ends.exec(buf)) {
      if (!final && m[0] === "\r" && m.index === buf.length - 1) break; // an LF may start the next chunk
      texts.push(buf.slice(start, m.index));
      crlf.push(m[0] === "\r\n");
      start = m.index + m[0].length;
    }
    rest = buf.slice(start);
    if (texts.length === 0) return undefined;
    const batch: LineBatch = { first: no, texts, crlf, unterminatedLast: false, crOnly: true };
    no += texts.length;
    return batch;
  };
  for await (const chunk of chunks) {
    if (!/[\r\n]/.test(chunk)) {
      if (rest) pending.push(rest);
      rest = "";
      pending.push(chunk);
      continue;
    }
    let batch: LineBatch | undefined;
    ends.lastIndex = 0;
    const m = pending.length ? ends.exec(chunk)! : undefined;
    // The end of a line longer than a chunk, as in splitAtLf: one join. Not when pending[0] ends in a
    // held-back CR (a line end after all), nor when this chunk's first line end is a CR at its very end.
    if (m && !pending[0]!.endsWith("\r") && (m[0] !== "\r" || m.index < chunk.length - 1)) {
      pending.push(chunk.slice(0, m.index));
      const lead = { text: pending.join(""), cr: m[0] === "\r\n" };
      batch = cut(chunk.slice(m.index + m[0].length), false, lead);
    } else batch = cut((pending.length ? pending.join("") : "") + rest + chunk, false);
    pending = [];
    if (batch) yield batch;
  }
  // A held-back CR (then more text without line ends) is a line end after all.
  const batch = cut(pending.join("") + rest, true);
  if (batch) yield batch;
  if (rest !== "") yield { first: no, texts: [rest], crlf: [false], unterminatedLast: true, crOnly: true };
}

/** Splits decoded text chunks into lines (one object per line; see {@link splitLineBatches}). */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncIterable<Line> {
  for await (const b of splitLineBatches(chunks)) {
    for (let i = 0; i < b.texts.length; i++) {
      const last = b.unterminatedLast && i === b.texts.length - 1;
      yield { text: b.texts[i]!, no: b.first + i, eol: lineEnd(b, i) };
    }
  }
}

/** The line end of line `i` of a batch, as {@link Line.eol} states it. */
export function lineEnd(b: LineBatch, i: number): Line["eol"] {
  if (b.unterminatedLast && i === b.texts.length - 1) return "";
  return b.crlf[i] ? "\r\n" : b.crOnly ? "\r" : "\n";
}
