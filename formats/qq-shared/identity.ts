import type { Participant } from "../../src/model/index.js";

/**
 * Adds what a QQ (NT) record says about a person to their participant: names other than the display
 * name as aliases, the QQ number (uin) as a `qq` handle, the NT uid as an `other` handle. Shared by the
 * readers that see uin + uid pairs (qce-json, qqnt-db). Returns true when anything was added.
 */
export function addQqIdentity(p: Participant, names: readonly string[], uin?: string, uid?: string): boolean {
  let changed = false;
  for (const n of names)
    if (n !== p.displayName && !p.aliases.includes(n)) {
      p.aliases.push(n);
      changed = true;
    }
  if (uin && !p.handles.some((h) => h.kind === "qq" && h.value === uin)) {
    p.handles.push({ kind: "qq", value: uin });
    changed = true;
  }
  if (uid && !p.handles.some((h) => h.kind === "other" && h.value === uid)) {
    p.handles.push({ kind: "other", value: uid });
    changed = true;
  }
  return changed;
}
