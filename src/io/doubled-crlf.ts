import { checkpointedView, type Checkpoint } from "./checkpointed-view.js";
import type { InputSource } from "./source.js";

const CR = 13;
const LF = 10;

/**
 * The bytes of a chunk stream with every run of two or more CRs just before an LF collapsed to one CR
 * (`\r\r\n` → `\r\n`): what a CRLF file converted to CRLF once more (a text-mode FTP or git transfer)
 * was before. With `dropOne`, a run loses one CR only (`\r\r\r\n` → `\r\r\n`): in a file whose other
 * lines end in lone CRs, the CRs before a doubled line end are lone line ends of their own. CRs not
 * followed by LF are kept. Chunks are copied; a CR run at the end of a chunk waits for the next chunk.
 * `mark` is told, at each chunk that starts outside a CR run, where that chunk starts in the view and in
 * the file.
 */
export async function* collapseCrRunsBeforeLf(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  mark?: (at: Checkpoint) => void,
  start: Checkpoint = { view: 0, file: 0 },
  dropOne = false,
): AsyncIterable<Uint8Array> {
  let run = 0; // CRs read and not yet written: their fate hangs on the byte after them
  let file = start.file;
  let view = start.view;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (run === 0) mark?.({ view, file });
    const out = new Uint8Array(run + chunk.length);
    let o = 0;
    let i = 0;
    while (i < chunk.length) {
      if (run === 0) {
        const j = chunk.indexOf(CR, i);
        const stop = j === -1 ? chunk.length : j;
        out.set(chunk.subarray(i, stop), o);
        o += stop - i;
        i = stop;
        if (j === -1) break;
      }
      while (i < chunk.length && chunk[i] === CR) {
        run++;
        i++;
      }
      if (i === chunk.length) break;
      if (chunk[i] === LF) {
        const keep = dropOne ? Math.max(1, run - 1) : 1;
        out.fill(CR, o, o + keep);
        o += keep;
      } else {
        out.fill(CR, o, o + run);
        o += run;
      }
      run = 0;
    }
    file += chunk.length;
    view += o;
    if (o > 0) yield out.subarray(0, o);
  }
  if (run > 0) yield new Uint8Array(run).fill(CR);
}

/**
 * A view of a file whose CRLF line ends were converted to CRLF a second time (every line ending in
 * `\r\r\n`) as the CRLF file it was, for parsers that need CRLF or LF (MIME: a blank line `\r\r\n` ends
 * no header block). Line numbers are the file's (no LF is added or dropped); byte offsets are the view's,
 * which are shorter by the CRs dropped: `range` maps them back through checkpoints (`checkpointedView`),
 * so a part found by a first pass is read again without reading the file from its start. `size` is the
 * file's (an upper bound of the view's). `dropOne`: see {@link collapseCrRunsBeforeLf}.
 */
export function doubledCrlfAsCrlfSource(source: InputSource, options: { dropOne?: boolean } = {}): InputSource {
  const dropOne = options.dropOne ?? false;
  return checkpointedView(source, (chunks, mark, start) => collapseCrRunsBeforeLf(chunks, mark, start, dropOne), source.size);
}

/**
 * True when a text head's line ends are CRLF converted a second time: it has `\r\r\n`, and at least as
 * many of its LFs follow two CRs as follow anything else.
 */
export function looksDoubledCrlf(text: string): boolean {
  const doubled = text.split("\r\r\n").length - 1;
  if (doubled === 0) return false;
  const lf = text.split("\n").length - 1;
  return doubled * 2 >= lf;
}
