import { ChatportError } from "../diagnostics/errors.js";
import type { InputSource, InputTree } from "../io/source.js";
import { Registry, type Candidate } from "../plugin/registry.js";
import type { Probe, ReaderPlugin } from "../plugin/types.js";
import { folderHint } from "./folder-hint.js";
import { foreignWalDetection } from "./foreign-wal.js";
import { knownUnreadFormat } from "./known-formats.js";
import { buildProbe, hasTextExtension, looksBinary, looksLikeEncryptedDatabase, looksLikeRandomBytes } from "./probe.js";

/** The reader chosen for an input, and why. */
export interface ResolvedReader {
  reader: ReaderPlugin;
  variant?: string;
  reason: string;
  probe: Probe;
}

/** Two candidates closer than this are ambiguous. */
const AMBIGUITY_MARGIN = 0.05;

/**
 * Picks the reader: explicit `from` wins; else the most confident detector, refusing ties and weak
 * guesses with a message that lists the candidates and names `--from`.
 */
export async function resolveReader(input: InputSource | InputTree, registry: Registry, from?: string): Promise<ResolvedReader> {
  const probe = await buildProbe(input);
  if (from) {
    const reader = registry.reader(from);
    const claim = safeDetect(reader, probe);
    return { reader, ...(claim?.variant ? { variant: claim.variant } : {}), reason: "chosen with --from", probe };
  }
  const candidates = registry.detect(probe);
  const best = candidates[0];
  if (!best || best.confidence < Registry.MIN_CONFIDENCE) {
    const walError = await foreignWalDetection(input, probe, registry);
    if (walError) throw walError;
    if (looksLikeEncryptedDatabase(probe))
      throw new ChatportError("input-damaged", `${input.name} looks like an encrypted database (it has no "SQLite format 3" header): decrypt it first with a tool you trust; chatport does not decrypt or extract keys.`, { code: "encrypted-database" });
    const known = knownUnreadFormat(probe);
    if (known) throw new ChatportError("unknown-format", `${input.name} looks like ${known.what}, which chatport does not read. ${known.advice}`);
    if (input.kind !== "tree" && looksLikeRandomBytes(probe)) throw randomBytesError(input.name, probe);
    // A whole file of nothing but a byte-order mark and blank lines: an export that wrote no messages,
    // or a copy cut short — not a binary file, whatever the detectors saw.
    if (input.kind !== "tree" && probe.head.length === probe.size && !looksBinary(probe.head) && probe.text.trim() === "")
      throw new ChatportError("input-unreadable", `${input.name} holds no text (${probe.size} bytes: only a byte-order mark or blank lines); export the chat again or check that the copy finished.`);
    // A folder of exports (several QQ TXT files, say): name the files that can be read one at a time.
    const inside = await folderHint(input, registry);
    if (inside) throw new ChatportError("unknown-format", `${input.name} is a folder in which no reader recognises one chat export.${inside}`);
    const hint = best ? ` The closest guess was ${best.reader.id} (${best.reason}); if that is right, pass --from ${best.reader.id}.` : " Run `chatport formats` for the list, and pass --from <id> if you know the format.";
    const what = input.kind === "tree" ? "a folder in which no reader recognises a chat export" : probe.text === "" ? "not a chat export chatport recognises (it looks binary)" : "not a chat export chatport recognises";
    // Links out of the folder are left out of its listing: the file that would have been recognised may be one.
    const links = input.kind === "tree" ? (input.refusedLinks?.() ?? []) : [];
    const linked = links.length ? ` It holds ${links.length} link(s) to files outside it, which are not read (${links.slice(0, 3).map((l) => `${l.path} → ${l.target}`).join(", ")}); copy the files into the folder.` : "";
    throw new ChatportError("unknown-format", `${input.name} is ${what}.${linked}${hint}`);
  }
  const second: Candidate | undefined = candidates[1];
  if (second && best.confidence - second.confidence < AMBIGUITY_MARGIN && second.reader.id !== best.reader.id)
    throw new ChatportError("unknown-format", `${input.name} could be ${best.reader.id} (${best.reason}) or ${second.reader.id} (${second.reason}); pass --from with the right one.`);
  return { reader: best.reader, ...(best.variant ? { variant: best.variant } : {}), reason: best.reason, probe };
}

/** The error for a file of structureless bytes that cannot be an encrypted database (its size or its name says so). */
function randomBytesError(name: string, probe: Probe): ChatportError {
  const why = hasTextExtension(probe)
    ? `; its name ends in ${probe.extension}, but the file holds no text (damaged, or a different file renamed?)`
    : `; its size (${probe.size} bytes) is no whole number of 1024-byte pages, so it is no encrypted database either (if it is one, the copy is cut short: copy it again)`;
  return new ChatportError(
    "unknown-format",
    `${name} is not a chat export chatport recognises: it is binary data, not text (bytes with no structure, as random, compressed or encrypted data has)${why}. Give the export file itself (run \`chatport formats\` for the list), or pass --from <id> if you know its format.`,
  );
}

function safeDetect(reader: ReaderPlugin, probe: Probe) {
  try {
    return reader.detect(probe);
  } catch {
    return null;
  }
}
