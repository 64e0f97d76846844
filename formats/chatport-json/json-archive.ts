import { Tokenizer, TokenParser, TokenType, type ParsedElementInfo, type ParsedTokenInfo } from "@streamparser/json";
import { keepFeff } from "../../src/io/json-text.js";
import type { ArchiveAssembler } from "./assembler.js";
import { pointerSegment } from "./validate.js";

/**
 * Removes a value the walker has handled from the container the parser is building. With
 * `keepStack: false` the parser removes a value only when no enclosing value is to be emitted too, and
 * the walker asks for whole conversations (`$.conversations.*`, to see them close) and top-level values
 * (`$.*`): so every message stayed in its conversation's `messages` array until the conversation closed,
 * ~850 bytes of live heap per message (a 1M-message archive peaked at 1 GB). Nothing reads a parent's
 * members later. An emitted value is its array's last member (members are appended; the array's index
 * keeps counting, so `key` is no position once earlier members are gone). Were the parser to have removed
 * it already, the last member is an earlier sibling, handled before: dropping it loses nothing either.
 */
function dropFromParent(info: ParsedElementInfo): void {
  const parent = info.parent as unknown;
  if (Array.isArray(parent)) {
    if (parent.length > 0 && parent[parent.length - 1] === info.value) parent.length -= 1;
  } else if (parent !== null && typeof parent === "object" && info.key !== undefined) delete (parent as Record<string, unknown>)[info.key];
}

/** Deepest nesting accepted; chatport's own archives stay far below (merged messages nest a few levels). */
export const MAX_DEPTH = 256;

/** A structural problem of the JSON text, with where it was found. */
export class ArchiveSyntaxError extends Error {
  constructor(message: string, readonly atEnd: boolean) {
    super(message);
  }
}

const HEADER_KEYS = new Set(["schemaVersion", "generator"]);
const CONV_HEAD = new Set(["id", "platform", "title", "source"]);

/**
 * Walks the `json` writer's archive token by token: header fields, each conversation's head, each
 * message, the conversation's tail (`kind`, `participantIds`, `extra`), then participants and
 * diagnostics. Only one record is held at a time (emitted values are dropped from their parents).
 */
export class JsonArchiveWalker {
  private readonly tokenizer = keepFeff(new Tokenizer());
  private readonly parser = new TokenParser({
    paths: ["$.*", "$.sources.*", "$.conversations.*", "$.conversations.*.*", "$.conversations.*.messages.*", "$.participants.*", "$.diagnostics.*"],
    keepStack: false,
  });
  private depth = 0;
  private started = false;
  private done = false;
  private ending = false;
  error: ArchiveSyntaxError | undefined;
  schemaVersion: string | undefined;
  generator: unknown;
  /** Head and tail fields of the conversation being read, and whether it was opened yet. */
  private conv: { index: number; head: Record<string, unknown>; tail: Record<string, unknown>; opened: boolean } | undefined;

  constructor(private readonly a: ArchiveAssembler) {
    this.tokenizer.onToken = (t) => this.onToken(t);
    this.tokenizer.onError = (e) => this.fail(e.message);
    this.tokenizer.onEnd = () => {};
    this.parser.onValue = (info) => this.onValue(info);
    this.parser.onError = (e) => this.fail(e.message);
    this.parser.onEnd = () => {};
  }

  get complete(): boolean {
    return this.done;
  }
  get sawData(): boolean {
    return this.started;
  }

  private fail(msg: string): void {
    if (!this.error) this.error = new ArchiveSyntaxError(msg, this.ending);
  }

  write(text: string): void {
    if (this.error || this.done || !text) return;
    try {
      this.tokenizer.write(text);
    } catch (e) {
      this.fail((e as Error).message);
    }
  }

  end(): void {
    if (this.error) return;
    this.ending = true;
    try {
      if (!this.tokenizer.isEnded) this.tokenizer.end();
    } catch (e) {
      this.fail((e as Error).message);
    }
  }

  private onToken(t: ParsedTokenInfo): void {
    if (this.error) return;
    if (!this.started && t.token !== TokenType.LEFT_BRACE) {
      this.fail("the file does not start with a JSON object");
      return;
    }
    this.started = true;
    if (this.done) {
      this.fail(`unexpected data after the end of the JSON document (byte ${t.offset})`);
      return;
    }
    if (t.token === TokenType.LEFT_BRACE || t.token === TokenType.LEFT_BRACKET) {
      if (++this.depth > MAX_DEPTH) {
        this.fail(`JSON nested deeper than ${MAX_DEPTH} levels at byte ${t.offset}; chatport archives never nest this deep`);
        return;
      }
    } else if (t.token === TokenType.RIGHT_BRACE || t.token === TokenType.RIGHT_BRACKET) this.depth--;
    this.parser.write(t);
    if (this.depth === 0 && !this.error) this.done = true;
  }

  private onValue(info: ParsedElementInfo): void {
    this.handle(info);
    dropFromParent(info);
  }

  private handle(info: ParsedElementInfo): void {
    const path = info.stack.slice(1).map((s) => s.key as string | number);
    if (info.key !== undefined) path.push(info.key);
    const pointer = path.map((p) => "/" + pointerSegment(p)).join("");
    const [top, i, field, j] = path;
    if (path.length === 0) return; // the root object closes
    if (top === "conversations") {
      if (path.length === 1) return; // the (emptied) array closes
      if (path.length === 2) return this.endConversation(i as number, info.value, pointer);
      this.touch(i as number);
      if (path.length === 3) return this.convField(field as string, info.value, pointer);
      if (j !== undefined && field === "messages") {
        this.openIfNeeded();
        this.a.message(info.value, pointer);
      }
      return;
    }
    if (top === "participants") {
      if (path.length === 2) this.a.participant(info.value, pointer);
      else if (!Array.isArray(info.value)) this.a.reported("unrecognized-record", "`participants` is not an array", pointer, info.value);
      return;
    }
    if (top === "diagnostics") {
      if (path.length === 2) this.a.diagnostic(info.value, pointer);
      else if (!Array.isArray(info.value)) this.a.reported("unrecognized-record", "`diagnostics` is not an array", pointer, info.value);
      return;
    }
    if (top === "sources") {
      if (path.length === 2) this.a.structural();
      return;
    }
    if (path.length !== 1) return;
    if (top === "schemaVersion" && typeof info.value === "string") this.schemaVersion = info.value;
    if (top === "generator") this.generator = info.value;
    if (HEADER_KEYS.has(top as string)) this.a.structural();
    else this.a.reported("unrecognized-record", `top-level key ${JSON.stringify(top)} is not part of the chatport archive; ignored`, pointer, info.value);
  }

  /** Starts tracking conversation `i` when its first field arrives. */
  private touch(i: number): void {
    if (this.conv?.index === i) return;
    this.conv = { index: i, head: {}, tail: {}, opened: false };
  }

  private openIfNeeded(): void {
    const c = this.conv!;
    if (c.opened) return;
    c.opened = true;
    this.a.openConversation(c.head, `/conversations/${c.index}`);
  }

  private convField(key: string, value: unknown, pointer: string): void {
    const c = this.conv!;
    if (key === "messages") {
      if (!Array.isArray(value)) {
        this.openIfNeeded();
        this.a.reported("unrecognized-record", "`messages` is not an array", pointer, value);
      }
      this.openIfNeeded();
      return;
    }
    if (!c.opened && (CONV_HEAD.has(key) || key === "kind" || key === "participantIds" || key === "extra")) c.head[key] = value;
    else c.tail[key] = value;
  }

  private endConversation(i: number, value: unknown, pointer: string): void {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.a.reported("unrecognized-record", "a conversation that is not an object", pointer, value);
      this.conv = undefined;
      return;
    }
    this.touch(i);
    this.openIfNeeded();
    this.a.closeConversation(this.conv!.tail, pointer);
    this.conv = undefined;
  }
}
