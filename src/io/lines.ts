/** One physical line of a text input. */
export interface Line {
  /** The text without its line end. */
  text: string;
  /** 1-based line number. */
  no: number;
  /** The line end that closed it: CRLF, bare LF, or none (last line without a newline). */
  eol: "\r\n" | "\n" | "";
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
}

/**
 * Splits decoded text chunks into batches of lines at LF, recording whether each ended in CRLF or a
 * bare LF (QQ TXT marks user line breaks with bare LF inside CRLF structure: formats-cn.md §1.2).
 * A lone CR is text.
 */
export async function* splitLineBatches(chunks: AsyncIterable<string>): AsyncIterable<LineBatch> {
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
    const head = pending.length ? pending.join("") + rest : rest;
    pending = [];
    const buf = head ? head + chunk : chunk;
    const texts: string[] = [];
    const crlf: boolean[] = [];
    let start = 0;
    let nl = head.length + first;
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

/** Splits decoded text chunks into lines (one object per line; see {@link splitLineBatches}). */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncIterable<Line> {
  for await (const b of splitLineBatches(chunks)) {
    for (let i = 0; i < b.texts.length; i++) {
      const last = b.unterminatedLast && i === b.texts.length - 1;
      yield { text: b.texts[i]!, no: b.first + i, eol: last ? "" : b.crlf[i] ? "\r\n" : "\n" };
    }
  }
}
