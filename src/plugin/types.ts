import type { ZodType } from "zod";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Report } from "../diagnostics/collector.js";
import type { InputSource, InputTree } from "../io/source.js";
import type { MediaStore } from "../io/media.js";
import type { OutputSink } from "../io/sink.js";
import type {
  Attachment, Conversation, Diagnostic, Message, Participant, Place, Provenance, SourceFile,
} from "../model/schema.js";

/** What a reader yields, in order: a conversation opens, its participants and messages follow, it ends. */
export type ChatEvent =
  | { type: "conversation"; conversation: Conversation }
  | { type: "participant"; participant: Participant }
  | { type: "message"; message: Message }
  /** Closes the open conversation, restating it with what was learnt while reading (kind, participantIds). */
  | { type: "conversation-end"; conversation: Conversation };

/** What detection sees of an input: its head bytes and text, or a folder listing. */
export interface Probe {
  /** File or folder name (relative display name). */
  name: string;
  /** Lower-case extension with the dot, "" when none. */
  extension: string;
  size: number;
  /** The first 64 KiB (empty for a folder). */
  head: Uint8Array;
  /** `head` decoded best-effort (BOM, UTF-8 else GB18030); "" for binary or a folder. */
  text: string;
  /** Set for a folder or archive input: its files, "/"-separated. */
  listing?: string[];
  /** Set for a SQLite file: its table names. */
  sqliteTables?: string[];
}

/** A reader's answer to "is this yours?". */
export interface DetectResult {
  /** 0..1; 0.9+ for a content signature, ~0.3 for a name or extension alone. */
  confidence: number;
  variant?: string;
  reason: string;
}

/** Services a reader gets; it never touches fs, process, console or the clock itself. */
export interface ReadContext {
  readonly readerId: string;
  readonly readerVersion: string;
  /** The reader's options, parsed by its own zod schema. */
  readonly options: Record<string, unknown>;
  /** IANA zone the user assumes for zone-less wall times (`--tz`), if any. */
  readonly tz: string | undefined;
  /** Reports a diagnostic (severity comes from the code table). */
  report(code: DiagnosticCode, r: Report): void;
  /** Builds a provenance record for this reader. */
  provenance(file: string, at: Place): Provenance;
  /**
   * Reports where every input unit went when the read finishes, e.g. `{ linesRead, linesInMessages,
   * linesStructural, linesReported }` for text readers (tests assert the sum).
   */
  account?(accounting: Record<string, number>): void;
  /**
   * Registers where the bytes of attachments embedded in the input can be fetched later (e.g. the image
   * parts of an MHT, recorded as `path: "mht:{GUID}.dat"`). Call it before yielding the messages that
   * refer to them; writers then get the bytes through `WriteContext.openAttachment`, and the pipeline
   * writes them beside the output. Absent when nobody can use the bytes (e.g. `readAll`).
   */
  provideMedia?(store: MediaStore): void;
}

/** A source-format reader. */
export interface ReaderPlugin {
  /** Stable kebab-case id, e.g. `qq-txt`. */
  id: string;
  version: string;
  displayName: string;
  /** Platform written into conversations, e.g. `qq`, `wechat`. */
  platform: string;
  /** What the reader takes: one text file, one binary file, or a folder/zip. */
  input: "text" | "binary" | "directory";
  extensions?: string[];
  /** zod schema of the reader's options (unknown keys are dropped). */
  options: ZodType<Record<string, unknown>>;
  detect(probe: Probe): DetectResult | null;
  read(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent>;
  /**
   * Optional fast path: exactly the events of `read`, in arrays (one await per batch instead of one per
   * event, which matters at millions of messages). The engine uses it when present; `read` must still
   * work, and a batch must not be reused or changed after it was yielded.
   */
  readBatches?(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<readonly ChatEvent[]>;
  /**
   * False when the format has no reply links, so no message ever gets `replyTo` (the contract suite
   * checks it); writers then skip reply bookkeeping. Unset means replies may occur.
   */
  linksReplies?: boolean;
}

/** Facts a writer gets up front. */
export interface ArchiveInfo {
  /**
   * The input files as one list. A folder input of 100,000 files makes as many objects (~20 MB): writers
   * should walk them with {@link eachSource} instead (see `sourcesOf` in plugin/archive-sources.ts).
   */
  sources: SourceFile[];
  /** How many input files there are (`sources.length`), when known without making the list. */
  sourceCount?: number;
  /** The input files in `sources` order, each made when reached; set by convert. */
  eachSource?(): Iterable<SourceFile>;
  generator: { name: "chatport"; version: string };
  /** Generation instant (RFC 3339), from SOURCE_DATE_EPOCH when set. */
  generatedAt: string;
  /** The zone policy in words and values, for cover sheets. */
  zonePolicy: { assumedZone?: string };
  /** False when the reader never links replies ({@link ReaderPlugin.linksReplies}). */
  linksReplies?: boolean;
  /**
   * Totals of the whole input, known before the first message: set only for writers that ask for them
   * with {@link WriterPlugin.needsTotals} (convert then runs a counting pass first).
   */
  totals?: ArchiveTotals;
}

/** A conversation as its reader closed it (kind and participantIds final), with its counters. */
export interface ClosedConversation {
  conversation: Conversation;
  stats: ConversationStats;
}

/**
 * The lists of a run that are as long as the input has conversations and people, handed out one at a
 * time. Convert keeps them in a scratch file, not as objects (100,000 conversations with their people
 * were ~170 MB of heap): read them with `conversationsOf` / `participantsOf` (plugin/archive-lists.ts),
 * which fall back to the plain lists of objects made by hand. Valid until the conversion ends.
 */
export interface ArchiveLists {
  /** How many closed conversations {@link eachConversation} gives. */
  conversationCount?: number;
  /** The closed conversations in input order, each read back when reached. */
  eachConversation?(): Iterable<ClosedConversation>;
  /** The latest closed form of the conversation with this id, when one has closed. */
  closedConversation?(id: string): Conversation | undefined;
  /** The counters of {@link eachConversation} added up, without reading them back when it can. */
  conversationSum?(): ConversationStats;
  /** How many participants {@link eachParticipant} gives. */
  participantCount?: number;
  /** The participants in the order first seen, each in its latest form, read back when reached. */
  eachParticipant?(): Iterable<Participant>;
}

/**
 * What a counting pass over the whole input learnt (cover sheets, volume counts). When convert makes it,
 * `conversations` and `participants` are getters that build the whole list when read (kept working for
 * writers that index them); its {@link ArchiveLists} members give the same one at a time.
 */
export interface ArchiveTotals extends ArchiveLists {
  /** Every conversation (as closed by its reader) with its counters, in input order. */
  conversations: ClosedConversation[];
  participants: Participant[];
  messages: number;
  /** Messages (nested ones included) that reply to another; writers skip reply bookkeeping when 0. */
  replies?: number;
  /** Diagnostics of the reading pass, counted by code. */
  diagnostics: { code: string; severity: Diagnostic["severity"]; count: number }[];
}

/** Per-conversation counts, kept by the pipeline while events pass. */
export interface ConversationStats {
  messages: number;
  byKind: Record<string, number>;
  attachments: { present: number; missing: number; omitted: number };
  recalled: number;
  deleted: number;
  edited: number;
  /** Messages by the basis of their timestamp (exact, source-offset, assumed-zone, floating). */
  byBasis: Record<string, number>;
  /** Earliest and latest time: the instant when known, else the wall clock (mixed inputs compare loosely). */
  first?: string;
  last?: string;
  /** Earliest and latest instant (utc) of the messages that have one. */
  firstInstant?: string;
  lastInstant?: string;
  /** Earliest and latest wall clock of the messages without an instant (floating times). */
  firstWall?: string;
  lastWall?: string;
}

/**
 * What a writer gets at the end. When the pipeline makes it, `participants` and `stats` are getters that
 * build the whole list or record when read; {@link ArchiveLists} members, {@link eachStats} and
 * {@link statsCount} give the same one at a time (see `participantsOf`, `statsOf` in plugin/archive-lists.ts).
 */
export interface ArchiveEnd extends ArchiveLists {
  participants: Participant[];
  diagnostics: Diagnostic[];
  /** Counters by conversation id (conversations that share an id share their counters). */
  stats: Record<string, ConversationStats>;
  /** How many entries `stats` has. */
  statsCount?: number;
  /** The entries of `stats` in its key order, each read back when reached. */
  eachStats?(): Iterable<[string, ConversationStats]>;
  /** The counters of `stats` added up, without reading them back when it can. */
  statsSum?(): ConversationStats;
  /** Set when reading failed; the writer should close its output in a valid state. */
  failure?: Error;
}

/** Services a writer gets. */
export interface WriteContext {
  readonly writerId: string;
  readonly options: Record<string, unknown>;
  report(code: DiagnosticCode, r: Report): void;
  /**
   * Opens another output file beside the main one (volumes, extracted media); `name` is a relative
   * file name. Returns undefined when the output is a stream (stdout) where siblings are impossible.
   */
  openSibling?(name: string): Promise<OutputSink>;
  /**
   * Writes a whole small file beside the main output at once (a copied photo): the same checks as
   * {@link openSibling}, but one synchronous write instead of a stream's open, writes and close, each a
   * trip through the thread pool (~0.1 ms on a small VM; thousands of photos per export).
   */
  writeSiblingFile?(name: string, data: Uint8Array): Promise<void>;
  /** Looks up a participant seen so far. */
  participant(id: string): Participant | undefined;
  /**
   * Opens the bytes of an attachment marked `present`: media a reader made available (embedded in the
   * input, see `ReadContext.provideMedia`; also after the pipeline extracted it beside the output and
   * kept the reader's path in `extra.sourcePath`), else the file at its `path` relative to the input
   * root. Resolves undefined when it cannot be found.
   */
  openAttachment?(attachment: Attachment): Promise<InputSource | undefined>;
  /**
   * Opens a file of the input, read-only, by its path relative to the input root: inside the zip for a
   * zip input, inside the folder for a folder, beside the file for a file. Undefined when the input has
   * no such root (in-memory input); resolves undefined when the file is absent.
   */
  openInputFile?(path: string): Promise<InputSource | undefined>;
  /** File name of the main output (e.g. `chat.html`), when it is a file; volumes derive their names from it. */
  readonly outputName?: string;
  /** A private scratch folder (absolute path) removed when the conversion ends (pdf renders through it). */
  tempDir?(): Promise<string>;
  /** Records a fact about how the output was made (e.g. the browser version), written into the manifest. */
  fact?(name: string, value: string): void;
}

/**
 * The begin / message / end life of one output (DiscordChatExporter's writer lifecycle). Methods may
 * return nothing when they finished synchronously; the engine awaits only returned promises, which
 * keeps per-message overhead low.
 */
export interface WriterSession {
  begin(info: ArchiveInfo): void | Promise<void>;
  conversation(conversation: Conversation): void | Promise<void>;
  participant?(participant: Participant): void | Promise<void>;
  message(message: Message): void | Promise<void>;
  conversationEnd(conversation: Conversation, stats: ConversationStats): void | Promise<void>;
  /** Always runs, even after a failure. */
  end(end: ArchiveEnd): void | Promise<void>;
}

/** An output-format writer. */
export interface WriterPlugin {
  id: string;
  version: string;
  displayName: string;
  fileExtension: string;
  mediaType: string;
  /** True when the output is binary or needs a real file (pdf): `-o -` is refused. */
  needsFile?: boolean;
  /**
   * True when `begin` needs the input's totals (cover sheets, volume counts): convert then reads the
   * input twice, a counting pass first, and hands the totals in {@link ArchiveInfo.totals}.
   */
  needsTotals?: boolean;
  /**
   * With {@link needsTotals}: the writer can work out the totals itself when its output is a file. It
   * then gets no totals in `begin` but a {@link WriteContext.tempDir}, spools what depends on them and
   * assembles the output at `end`; convert skips the counting pass (the input is read once).
   */
  totalsAtEnd?: boolean;
  /** Transformations the writer applies to source text, in words, declared in the manifest. */
  transformations?: string[];
  /**
   * True when the output says so itself when reading stopped with an error part-way (`end` gets the
   * failure: an html notice, an ndjson `complete: false`, a json diagnostic, an RSMF header). Files of
   * other writers (a csv or a chat text cannot carry such a mark) are removed when a conversion fails:
   * a partial copy that looks whole, with no manifest beside it, must not be left as evidence.
   */
  marksIncomplete?: boolean;
  options: ZodType<Record<string, unknown>>;
  create(sink: OutputSink, ctx: WriteContext): WriterSession;
}
