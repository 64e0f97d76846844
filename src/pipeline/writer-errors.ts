import { ChatportError } from "../diagnostics/errors.js";
import { placeText } from "../model/display.js";
import type { Message } from "../model/schema.js";
import type { WriterSession } from "../plugin/types.js";

/**
 * A writer session whose unexpected failures name the writer and where it was: a bug in a writer used
 * to surface as "Reading chat.txt with qq-txt failed unexpectedly", sending people (and bug reports) to
 * the reader. Errors meant for people ({@link ChatportError}: a full disk, a missing Chromium, a
 * floating time RSMF cannot place) pass through unchanged, and `known` may turn others into one: a
 * writer reads the input too (a voice clip from a damaged database is the input's fault, not a bug).
 */
export function attributedSession(session: WriterSession, writerId: string, known?: (e: unknown) => Error | undefined): WriterSession {
  const fail = (e: unknown, where: string): never => {
    if (e instanceof ChatportError) throw e;
    const mapped = known?.(e);
    if (mapped) throw mapped;
    const why = e instanceof Error ? e.message : String(e);
    throw new ChatportError("internal", `The ${writerId} writer failed unexpectedly ${where}: ${why}. This is a bug in chatport; please report it with the input's diagnostics.`, { cause: e });
  };
  /** Runs one call; a throw or a rejected promise becomes {@link fail}'s error. */
  const guarded = <T>(call: () => T | Promise<T>, where: () => string): T | Promise<T> => {
    try {
      const r = call();
      return r instanceof Promise ? r.catch((e: unknown) => fail(e, where())) : r;
    } catch (e) {
      return fail(e, where());
    }
  };
  const at = (m: Message): string => {
    const p = m.provenance;
    return `on message ${m.id} (${p.file} ${placeText(p.at)})`;
  };
  const wrapped: WriterSession = {
    begin: (info) => guarded(() => session.begin(info), () => "before the first message"),
    conversation: (c) => guarded(() => session.conversation(c), () => `on conversation ${c.id}`),
    // Per message, so without closures unless the call returned a promise.
    message(m) {
      try {
        const r = session.message(m);
        return r instanceof Promise ? r.catch((e: unknown) => fail(e, at(m))) : r;
      } catch (e) {
        return fail(e, at(m));
      }
    },
    conversationEnd: (c, s) => guarded(() => session.conversationEnd(c, s), () => `closing conversation ${c.id}`),
    end: (e) => guarded(() => session.end(e), () => "finishing the output"),
  };
  if (session.participant) {
    const participant = session.participant.bind(session);
    wrapped.participant = (p) => guarded(() => participant(p), () => `on participant ${p.id}`);
  }
  return wrapped;
}
