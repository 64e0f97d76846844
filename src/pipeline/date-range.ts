import type { Message } from "../model/schema.js";

/** True when the message lies inside [since, until]; both compared as ISO text on the wall clock or utc. */
export function inRange(m: Message, since?: string, until?: string): boolean {
  const t = m.sentAt.wall ?? m.sentAt.utc;
  if (t === undefined) return true;
  if (since !== undefined && t < since) return false;
  if (until !== undefined && t.slice(0, until.length) > until) return false;
  return true;
}
