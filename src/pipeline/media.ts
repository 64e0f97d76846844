import { createHash } from "node:crypto";
import type { DiagnosticCollector } from "../diagnostics/collector.js";
import { extensionFor, type MediaStore } from "../io/media.js";
import { copyHashed, type OutputSink } from "../io/sink.js";
import type { InputSource } from "../io/source.js";
import type { Attachment, Message, Participant } from "../model/schema.js";
import type { WriterSession } from "../plugin/types.js";

/**
 * The media stores readers registered during one read (see `ReadContext.provideMedia`). Writers reach
 * it through `WriteContext.openAttachment`; {@link extractMedia} uses it to write media beside the output.
 */
export class MediaRegistry {
  private readonly stores: MediaStore[] = [];

  /** Adds a store; later lookups ask every store in registration order. */
  add(store: MediaStore): void {
    this.stores.push(store);
  }

  /** True when no reader registered a store. */
  get empty(): boolean {
    return this.stores.length === 0;
  }

  /**
   * The bytes behind an attachment: its reader-recorded path (`extra.sourcePath` after extraction,
   * else `path`) looked up in every store; undefined when no store holds it.
   */
  async open(a: Attachment | string): Promise<InputSource | undefined> {
    const path = typeof a === "string" ? a : typeof a.extra?.sourcePath === "string" ? a.extra.sourcePath : a.path;
    if (path === undefined) return undefined;
    for (const s of this.stores) {
      const found = await s.open(path);
      if (found) return found;
    }
    return undefined;
  }
}

/** Where {@link extractMedia} writes. */
export interface ExtractTarget {
  /** Folder for the media, relative to the main output (e.g. `chat.media`). */
  dir: string;
  /** Opens a file beside the main output (the WriteContext's `openSibling`). */
  openSibling: (name: string) => Promise<OutputSink>;
  diagnostics: DiagnosticCollector;
}

/**
 * Wraps a writer session so that, before each message reaches the writer, every present attachment
 * whose bytes a reader's media store holds is written to `<dir>/<sha256><ext>` beside the output (once
 * per distinct content) and the attachment's `path` is rewritten to that output-relative file; the
 * reader's own path is kept in `extra.sourcePath`. Bytes are streamed from the store; a hash mismatch is
 * reported, never hidden. Costs one check per message while no reader registered a store.
 */
export function extractingSession(session: WriterSession, registry: MediaRegistry, target: ExtractTarget): WriterSession {
  const written = new Map<string, string>();
  return {
    begin: (i) => session.begin(i),
    conversation: (c) => session.conversation(c),
    ...(session.participant ? { participant: (p: Participant) => session.participant!(p) } : {}),
    // Synchronous when there is nothing to extract: an async method here cost a promise per message.
    message(m) {
      if (registry.empty) return session.message(m);
      return extractFromMessage(m, registry, target, written).then((x) => session.message(x));
    },
    conversationEnd: (c, s) => session.conversationEnd(c, s),
    end: (e) => session.end(e),
  };
}

async function extractFromMessage(m: Message, registry: MediaRegistry, target: ExtractTarget, written: Map<string, string>): Promise<Message> {
  let changed = false;
  const attachments: Attachment[] = [];
  for (const a of m.attachments) {
    const out = await extractOne(a, registry, target, written);
    if (out !== a) changed = true;
    attachments.push(out);
  }
  let inner = m.inner;
  if (m.inner?.length) {
    const next: Message[] = [];
    for (const x of m.inner) {
      const y = await extractFromMessage(x, registry, target, written);
      if (y !== x) changed = true;
      next.push(y);
    }
    inner = next;
  }
  if (!changed) return m;
  return { ...m, attachments, ...(inner ? { inner } : {}) };
}

async function extractOne(a: Attachment, registry: MediaRegistry, target: ExtractTarget, written: Map<string, string>): Promise<Attachment> {
  if (a.availability !== "present" || a.path === undefined) return a;
  const source = await registry.open(a);
  if (!source) return a;
  const key = a.sha256 ?? a.path;
  let rel = written.get(key);
  if (rel === undefined) {
    const name = `${a.sha256 ?? createHash("sha256").update(a.path).digest("hex")}${extensionFor(a.mediaType)}`;
    rel = `${target.dir}/${name}`;
    const got = await copyHashed(source, await target.openSibling(rel));
    if (a.sha256 !== undefined && got !== a.sha256)
      target.diagnostics.report("chatport", "count-mismatch", {
        message: `Media written to ${rel} hashes to ${got}, not the ${a.sha256} the reader recorded; the input may have changed while it was read.`,
        file: rel,
      });
    written.set(key, rel);
  }
  return { ...a, path: rel, extra: { ...(a.extra ?? {}), sourcePath: a.path } };
}
