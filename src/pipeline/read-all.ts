import { DiagnosticCollector } from "../diagnostics/collector.js";
import { zoneName } from "../time/zone.js";
import { dateRangeOf } from "./date-range.js";
import type { InputSource, InputTree } from "../io/source.js";
import type { Archive, ConversationWithMessages, Participant } from "../model/schema.js";
import { SCHEMA_VERSION } from "../model/version.js";
import type { Registry } from "../plugin/registry.js";
import { hashInputs, sourceFiles } from "./hash-inputs.js";
import { openInput } from "./open-input.js";
import { inputTrees, reportRefusedLinks } from "./refused-links.js";
import { readResolved, type ReadOptions } from "./read-events.js";
import { resolveReader } from "./resolve-reader.js";
import { VERSION } from "../version.js";

/**
 * Reads a whole input into one {@link Archive} in memory (the shape the `json` writer emits). For big
 * inputs prefer {@link readEvents} or convert, which stream.
 */
export async function readAll(input: string | InputSource | InputTree, registry: Registry, opts: ReadOptions = {}): Promise<Archive> {
  const diagnostics = opts.diagnostics ?? new DiagnosticCollector();
  if (opts.tz !== undefined) opts = { ...opts, tz: zoneName(opts.tz) };
  dateRangeOf(opts.since, opts.until);
  const opened = typeof input === "string" ? await openInput(input) : input;
  const resolved = await resolveReader(opened, registry, opts.from);
  const sources = sourceFiles(await hashInputs(opened, resolved));
  const participants = new Map<string, Participant>();
  const conversations: ConversationWithMessages[] = [];
  let current: ConversationWithMessages | undefined;
  const senders = new Set<string>();
  for await (const ev of readResolved(opened, resolved, { ...opts, diagnostics })) {
    switch (ev.type) {
      case "conversation":
        current = { ...ev.conversation, messages: [] };
        senders.clear();
        conversations.push(current);
        break;
      case "participant":
        participants.set(ev.participant.id, ev.participant);
        break;
      case "message":
        current!.messages.push(ev.message);
        if (ev.message.senderId !== null) senders.add(ev.message.senderId);
        break;
      case "conversation-end": {
        const ids = [...ev.conversation.participantIds];
        for (const s of senders) if (!ids.includes(s)) ids.push(s);
        Object.assign(current!, { ...ev.conversation, participantIds: ids, messages: current!.messages });
        current = undefined;
        break;
      }
    }
  }
  reportRefusedLinks(inputTrees(opened), diagnostics);
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: "chatport", version: VERSION },
    sources,
    participants: [...participants.values()],
    conversations,
    diagnostics: diagnostics.list(),
  };
}
