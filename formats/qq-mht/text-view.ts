/**
 * The view of an MHT file that the MIME splitter reads: the file itself, or the file seen through the
 * views that undo what an editor or a transfer did to its line ends (FORMAT.md, "Encoding of the HTML
 * part"). The splitter ends lines at LF and a header block at a blank line, so lone CRs must read as LF
 * and `\r\r\n` as one line end; the views keep each line a line, so messages and image bytes are those
 * of the file before the damage.
 */
import { loneCrAsLfSource } from "../../src/io/cr-as-lf.js";
import { doubledCrlfAsCrlfSource, looksDoubledCrlf } from "../../src/io/doubled-crlf.js";
import { decodeHead } from "../../src/io/decode.js";
import { isCrOnlyText } from "../../src/io/lines.js";
import type { InputSource } from "../../src/io/source.js";

/** Bytes of the head the line-end decision looks at. */
const PROBE = 64 * 1024;

/**
 * A CR that ends a line on its own: not one of a run of CRs before LF (`\r\n`, `\r\r\n`), and not at the
 * end of the head, where the next byte is unknown.
 */
const LONE_CR = /\r(?!\r*(?:\n|$))/;

/** How the head says the file's lines end, beyond plain LF or CRLF. */
export interface LineEnds {
  /** Some lines end in lone CRs (an old Mac editor's re-save, hand edits). */
  loneCr: boolean;
  /** Lines end in `\r\r\n` (CRLF converted twice), to be read as one line end each. */
  doubledCrlf: boolean;
}

/**
 * Reads the line ends from a decoded head. `\r\r\n` is one line end when at least half the LFs follow
 * two CRs (`looksDoubledCrlf`), lone CRs or not: an editor pass over a doubled file leaves lone CRs among
 * `\r\r\n`. Otherwise `\r\r\n` is a CR and a CRLF: in a file of CRLF and lone CRs, a blank CRLF line
 * after a lone-CR line is written so.
 */
export function lineEndsOf(head: string): LineEnds {
  return { loneCr: isCrOnlyText(head) || LONE_CR.test(head), doubledCrlf: looksDoubledCrlf(head) };
}

/**
 * The file as the splitter should read it. With both kinds of damage, one CR of each run before LF is
 * dropped first (`\r\r\n` is one line end; in `\r\r\r\n` the first CR is a lone one before it) and
 * the lone CRs left are turned into LF after: line numbers are then those of the file with every line
 * end written LF, and parts are found again by the doubled view's checkpoints.
 */
export async function mimeView(given: InputSource): Promise<InputSource> {
  const ends = lineEndsOf(decodeHead(await given.head(PROBE)));
  let view = given;
  if (ends.doubledCrlf) view = doubledCrlfAsCrlfSource(view, { dropOne: ends.loneCr });
  if (ends.loneCr) view = loneCrAsLfSource(view);
  return view;
}
