import { createHash } from "node:crypto";
import { ChatportError } from "../../src/diagnostics/errors.js";
import type { OutputSink } from "../../src/io/sink.js";
import type { Conversation } from "../../src/model/index.js";
import type { ArchiveInfo, WriteContext, WriterSession } from "../../src/plugin/types.js";
import { prepareAttachments } from "./attachments.js";
import { eventText, messageToEvent } from "./events.js";
import { sourceDigests, writeSlice } from "./file.js";
import { Slice } from "./slice.js";
import { floatingTimeError, needsZone } from "./time.js";

/** Relativity's recommended ceiling of events per RSMF file (audit-outputs.md §5.1). */
export const MAX_EVENTS_PER_FILE = 10_000;

/**
 * The RSMF 2.0 writer. Events are mapped as they arrive and buffered as JSON for one slice (at most
 * `maxEvents`, so memory stays bounded); a full slice is written when the next event arrives, to the
 * main output first, then to `name.002.rsmf`, `name.003.rsmf` … beside it, all sharing one
 * `eventcollectionid`. A message whose time has no zone stops the writer before anything is written.
 */
export function createRsmfWriter(sink: OutputSink, ctx: WriteContext): WriterSession {
  const maxEvents = Math.min(MAX_EVENTS_PER_FILE, Math.max(1, Number(ctx.options.maxEvents ?? MAX_EVENTS_PER_FILE)));
  let info: ArchiveInfo;
  let collectionId = "";
  let slice = new Slice(1);
  let current: Conversation | undefined;
  /** Set when the writer itself failed: nothing more is written. */
  let broken = false;

  const fail = (e: unknown): never => {
    broken = true;
    throw e;
  };

  const flush = async (s: Slice, more: boolean, incomplete?: string) => {
    let out = sink;
    if (s.number > 1) {
      if (!ctx.openSibling)
        fail(new ChatportError("usage", `This export has more than ${maxEvents} events, which RSMF spreads over several .rsmf files; write to a file with -o instead of to stdout.`));
      out = await ctx.openSibling!(siblingName(sink.name, s.number));
    }
    try {
      await writeSlice(out, s, { info, collectionId, ctx, more, ...(incomplete ? { incomplete } : {}) });
    } finally {
      if (out !== sink) await out.close();
    }
  };

  return {
    async begin(i) {
      info = i;
      collectionId = `chatport-${collectionHash(i)}`;
    },
    async conversation(c) {
      current = c;
      // A full slice is written when the next event comes: the conversation opens in the next slice
      // then (or, if it has no messages at all, joins this one at its end).
      if (slice.events.length < maxEvents) slice.touch(c);
    },
    async message(m) {
      if (broken) return;
      if (needsZone(m.sentAt)) fail(floatingTimeError(m));
      try {
        if (slice.events.length >= maxEvents) {
          // The next event exists, so this slice is not the last: write it and start the next.
          await flush(slice, true);
          slice = new Slice(slice.number + 1);
          if (current) slice.touch(current);
        }
        const conv = current ?? orphanConversation(m.conversationId);
        const self = [...conv.participantIds].find((id) => ctx.participant(id)?.isSelf);
        const { outcome, files } = await prepareAttachments(m, ctx, slice.usedNames);
        const ev = messageToEvent(m, outcome, self);
        if (ev.timestamp === undefined)
          ctx.report("lossy-output", { message: `Message ${m.id} has no time of day that can be an instant ("${m.sentAt.raw}"); its RSMF event has no timestamp and keeps the raw value in custom time_raw.`, file: m.provenance.file, place: m.provenance.at });
        const sender = m.senderId !== null ? ctx.participant(m.senderId) : undefined;
        const senderName = (m.extra?.senderName as string | undefined) || sender?.displayName || m.senderId || "(no sender)";
        slice.add(m, ev, eventText(m, senderName, outcome), files, conv);
      } catch (e) {
        fail(e);
      }
    },
    async conversationEnd(c) {
      if (broken) return;
      slice.touch(c);
      current = undefined;
    },
    async end(e) {
      if (broken) return;
      const why = e.failure ? `reading stopped early: ${e.failure.message}` : undefined;
      await flush(slice, false, why);
    },
  };
}

/** `chat.rsmf` → `chat.002.rsmf` (the main output's file name, any folder part dropped). */
export function siblingName(mainName: string, n: number): string {
  const base = mainName.split(/[\\/]/).pop() || "export.rsmf";
  const stem = base.replace(/\.rsmf$/i, "");
  return `${stem}.${String(n).padStart(3, "0")}.rsmf`;
}

/** A conversation for a message that arrived outside one (a reader bug); kept so nothing is lost. */
function orphanConversation(id: string): Conversation {
  return { id, platform: "unknown", kind: "unknown", title: id, participantIds: [], source: "" };
}

/**
 * `shortHash("rsmf", ...digests)` of the input files' digests, hashed one by one: not spread into
 * arguments (a folder input can have more files than the stack holds) nor joined into one string first.
 */
export function collectionHash(info: ArchiveInfo): string {
  const h = createHash("sha256").update("rsmf");
  for (const d of sourceDigests(info)) h.update("\u0000" + d);
  return h.digest("hex").slice(0, 16);
}
