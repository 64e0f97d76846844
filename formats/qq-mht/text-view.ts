/**
 * The view of an MHT file that the MIME splitter reads: the file itself, or the file seen through the
 * views that undo what an editor or a transfer did to it (FORMAT.md, "Encoding of the HTML part"): a
 * UTF-16 re-save is read as the UTF-8 it holds; the splitter ends lines at LF and a header block at a
 * blank line, so lone CRs must read as LF and `\r\r\n` as one line end. The views keep each line a line,
 * so messages and image bytes are those of the file before the damage.
 */
import { loneCrAsLfSource } from "../../src/io/cr-as-lf.js";
import { doubledCrlfAsCrlfSource, looksDoubledCrlf } from "../../src/io/doubled-crlf.js";
import { decodeHead, sniffBom, sniffUtf16NoBom } from "../../src/io/decode.js";
import { isCrOnlyText } from "../../src/io/lines.js";
import type { InputSource } from "../../src/io/source.js";
import { utf16AsUtf8Source, type Utf16Damage } from "../../src/io/utf16-as-utf8.js";
import type { Utf16Encoding } from "../../src/io/utf16-damage.js";
import type { ReadContext } from "../../src/plugin/types.js";

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

/** The file as the splitter reads it, and what was undone to get there. */
export interface MimeView {
  source: InputSource;
  /** Set when the file is UTF-16 and is read transcoded to UTF-8. */
  utf16?: Utf16Encoding;
  /** UTF-16 units that were no characters, counted by the last whole pass (none before one). */
  utf16Damage(): Utf16Damage | undefined;
}

/**
 * The file as the splitter should read it. A UTF-16 file (with a BOM, or told by its zero bytes) is
 * transcoded first; line ends are then decided on the UTF-8 text. With both kinds of line-end damage,
 * one CR of each run before LF is dropped first (`\r\r\n` is one line end; in `\r\r\r\n` the first CR
 * is a lone one before it) and the lone CRs left are turned into LF after: line numbers are then those
 * of the file with every line end written LF, and parts are found again by the views' checkpoints.
 */
export async function mimeView(given: InputSource): Promise<MimeView> {
  const raw = await given.head(PROBE);
  const bom = sniffBom(raw)?.encoding;
  const utf16 = bom === "utf-16le" || bom === "utf-16be" ? bom : bom ? undefined : sniffUtf16NoBom(raw);
  const text = utf16 ? utf16AsUtf8Source(given, utf16) : undefined;
  let view = text?.source ?? given;
  const ends = lineEndsOf(decodeHead(text ? await view.head(PROBE) : raw));
  if (ends.doubledCrlf) view = doubledCrlfAsCrlfSource(view, { dropOne: ends.loneCr });
  if (ends.loneCr) view = loneCrAsLfSource(view);
  return { source: view, ...(utf16 ? { utf16 } : {}), utf16Damage: () => text?.damage() };
}

/** Reports the UTF-16 units a whole pass over the view read as U+FFFD, if any. */
export function reportUtf16Damage(view: MimeView, ctx: ReadContext): void {
  const d = view.utf16Damage();
  if (!view.utf16 || !d) return;
  const file = view.source.name;
  ctx.report("encoding-replacement", {
    message: `${file} is ${view.utf16.toUpperCase()} but ${d.invalid === 1 ? "one unit is" : `${d.invalid} units are`} no character (half of a surrogate pair, or a byte cut short at the end), the first at byte ${d.firstByte}; each was read as U+FFFD (\uFFFD). The file may be damaged: compare it with the original export.`,
    file,
  });
}
