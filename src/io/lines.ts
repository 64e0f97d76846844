/** One physical line of a text input. */
export interface Line {
  /** The text without its line end. */
  text: string;
  /** 1-based line number. */
  no: number;
  /** The line end that closed it: CRLF, bare LF, or none (last line without a newline). */
  eol: "\r\n" | "\n" | "";
}

/**
 * Splits decoded text chunks into lines at LF, recording whether each ended in CRLF or a bare LF (QQ
 * TXT marks user line breaks with bare LF inside CRLF structure: formats-cn.md §1.2). A lone CR is text.
 */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncIterable<Line> {
  let rest = "";
  let no = 0;
  for await (const chunk of chunks) {
    const buf = rest ? rest + chunk : chunk;
    let start = 0;
    let nl = buf.indexOf("\n", start);
    while (nl !== -1) {
      const crlf = nl > start && buf.charCodeAt(nl - 1) === 13;
      yield { text: buf.slice(start, crlf ? nl - 1 : nl), no: ++no, eol: crlf ? "\r\n" : "\n" };
      start = nl + 1;
      nl = buf.indexOf("\n", start);
    }
    rest = buf.slice(start);
  }
  if (rest !== "") yield { text: rest, no: ++no, eol: "" };
}
