/**
 * Sections of the export → conversations: a `消息分组` row names the folder, a `消息对象` row the peer or
 * group; the conversation opens lazily at its first message (an empty section still becomes one when it
 * closes). Kind: `群`/`讨论组` in the folder → group, `好友`/`联系人`/`朋友` → direct, else group when more
 * than two people speak (the same heuristics as the TXT reader, formats-cn.md §1.4).
 */
import { ownedString } from "../../src/io/owned-string.js";
import { shortHash } from "../../src/io/hash.js";
import type { Conversation } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";

/** Tracks the open section and its conversation. */
export class Sections {
  private group: string | undefined;
  private object: string | undefined;
  private conv: Conversation | undefined;
  private readonly count = new Map<string, number>();
  private readonly speakers = new Set<string>();

  constructor(
    private readonly ctx: ReadContext,
    private readonly file: string,
    private readonly fallbackTitle: string,
    private readonly out: (ev: ChatEvent) => void,
    private readonly isSystem: (participantId: string) => boolean,
  ) {}

  /** A `消息分组` row: closes the open conversation; the folder applies to the sections after it. */
  setGroup(name: string): void {
    this.close();
    this.group = name;
    this.object = undefined;
  }

  /** A `消息对象` row: closes the open conversation; the next one takes this title. */
  setObject(name: string): void {
    this.close();
    this.object = name;
  }

  /** The open conversation, opening it (and emitting its event) when needed. `fresh` is true then. */
  current(): { conv: Conversation; fresh: boolean } {
    if (this.conv) return { conv: this.conv, fresh: false };
    const title = this.object ?? this.fallbackTitle;
    const g = this.group ?? "";
    const key = `${g}\u0000${title}`;
    const seen = this.count.get(key);
    const n = (seen ?? 0) + 1;
    // A new key is stored as a copy: the titles are views into the input's chunks (owned-string.ts).
    this.count.set(seen === undefined ? ownedString(key) : key, n);
    const kind = /群|讨论组/.test(g) ? "group" : /好友|联系人|朋友|friend/i.test(g) ? "direct" : "unknown";
    this.conv = {
      id: `qq-mht:${shortHash(this.file, g, title, String(n))}`,
      platform: "qq",
      kind,
      title,
      participantIds: [],
      source: this.file,
      ...(this.group !== undefined ? { extra: { messageGroup: this.group } } : {}),
    };
    if (this.object === "最近联系人" || this.group === "最近联系人")
      this.ctx.report("duplicate-section", {
        message: `Section "最近联系人" (recent contacts) may repeat messages of other sections; kept as its own conversation.`,
        file: this.file,
      });
    this.speakers.clear();
    this.out({ type: "conversation", conversation: this.conv });
    return { conv: this.conv, fresh: true };
  }

  /** Notes who spoke in the open conversation (for the kind heuristic). */
  spoke(participantId: string): void {
    this.speakers.add(participantId);
  }

  /** Closes the open conversation (an announced but empty section still becomes one). */
  close(): void {
    if (!this.conv) {
      if (this.object === undefined) return;
      this.current();
    }
    const c = this.conv!;
    const humans = [...this.speakers].filter((s) => !this.isSystem(s)).length;
    const kind = c.kind === "unknown" && humans > 2 ? "group" : c.kind;
    this.out({ type: "conversation-end", conversation: { ...c, kind } });
    this.conv = undefined;
    this.object = undefined;
  }
}
