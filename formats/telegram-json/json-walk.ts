import { Tokenizer, TokenType, type ParsedTokenInfo } from "@streamparser/json";
import { keepFeff } from "../../src/io/json-text.js";
import { keepsLiteral } from "./quote-big.js";
import type { ChatSlot, Json, JsonObject, WalkHandler } from "./json-types.js";

export type { ChatSlot, Json, JsonObject, WalkHandler };

/** Top-level sections of a full export that can be large and are skipped without building them. */
const SKIPPED_SECTIONS = new Set(["contacts", "frequent_contacts", "sessions", "web_sessions", "other_data", "profile_pictures", "stories"]);
/** Keys of a root object that make it (also) a chat. */
const ROOT_CHAT_KEYS = new Set(["name", "type", "id", "messages"]);
/** Top-level keys holding `{about, list: [chat…]}`. */
const CHAT_SECTIONS = new Set(["chats", "left_chats"]);

const enum Role { Root, Section, ChatList, Chat, Messages, Build, Skip }
const enum Expect { KeyOrEnd, Key, Colon, Value, CommaOrEnd, ValueOrEnd }

interface Frame {
  obj: boolean;
  role: Role;
  expect: Expect;
  /** Current key (objects) or next index (arrays). */
  key: string;
  index: number;
  pointer: string;
  value?: JsonObject | Json[];
  chat?: ChatSlot;
  section?: string;
  /** The key or index this frame fills in its parent. */
  slot?: string | number;
}

/** A structural JSON error, with the byte offset where it was found. */
export class WalkError extends Error {
  constructor(message: string, readonly offset: number, readonly atEnd = false) {
    super(message);
  }
}

/** Tokenizer that keeps number literals JS numbers cannot hold as their text ({@link keepsLiteral}). */
class ExactTokenizer extends Tokenizer {
  /** Counts bytes another reader consumed, so later offsets stay offsets in the whole file. */
  skipBytes(n: number): void {
    const self = this as unknown as { offset: number; streamByteLength: number };
    self.offset += n;
    self.streamByteLength += n;
  }

  protected override parseNumber(text: string): number {
    const n = Number(text);
    return keepsLiteral(n, text) ? (text as unknown as number) : n;
  }
}

/** Containers open (root, chat, messages and the message's own included) past which a value is not built. */
export const MAX_BUILD_STACK = 260;
/** What stands in for a value nested deeper than {@link MAX_BUILD_STACK}. */
export const TOO_DEEP_MARK = "[a value nested more than 256 levels deep: not kept]";

const escapePointer = (s: string): string => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Walks a Telegram export's JSON token by token (formats-intl.md §3.1): it recognises the chat objects
 * (the root, or the elements of `chats.list` / `left_chats.list`), hands over their header fields and
 * each message as one small value, and never holds more than one message in memory.
 */
export class TelegramJsonWalker {
  private readonly tokenizer = keepFeff(new ExactTokenizer());
  private readonly stack: Frame[] = [];
  private rootChat: ChatSlot | undefined;
  private done = false;
  private started = false;
  private ending = false;
  /** Set when the tokenizer or the structure failed; reading stops. */
  error: WalkError | undefined;
  /** Values cut at {@link MAX_BUILD_STACK} levels (each replaced by {@link TOO_DEEP_MARK}). */
  tooDeep = 0;

  constructor(private readonly h: WalkHandler) {
    this.tokenizer.onToken = (t) => this.onToken(t);
    this.tokenizer.onError = (e) => {
      if (!this.error) this.error = e instanceof WalkError ? e : new WalkError(e.message, -1, this.ending);
    };
    this.tokenizer.onEnd = () => {};
  }

  /** True once the root value closed. */
  get complete(): boolean {
    return this.done;
  }

  /** True once any token was seen. */
  get sawData(): boolean {
    return this.started;
  }

  /** Feeds text. */
  write(text: string): void {
    if (this.error || text === "") return;
    try {
      this.tokenizer.write(text);
    } catch (e) {
      if (!this.error) this.error = e instanceof WalkError ? e : new WalkError((e as Error).message, -1);
    }
  }

  /** Ends the input. */
  end(): void {
    if (this.error) return;
    this.ending = true;
    try {
      if (!this.tokenizer.isEnded) this.tokenizer.end();
    } catch (e) {
      if (!this.error) this.error = new WalkError((e as Error).message, -1, true);
    }
  }

  /**
   * The chat messages array the walker has just opened (its "[" was the last token), for the fast
   * splitter (fast-messages.ts) to take over; undefined when the walker stands anywhere else.
   */
  openMessages(): { pointer: string; chat: ChatSlot } | undefined {
    const top = this.stack[this.stack.length - 1];
    if (!top || this.error || top.role !== Role.Messages || top.index !== 0 || top.expect !== Expect.ValueOrEnd) return undefined;
    return { pointer: top.pointer, chat: top.chat! };
  }

  /**
   * Takes the messages array back after the fast splitter delivered `index` elements (`afterValue`: the
   * last thing it read was an element, not a comma) and consumed `skippedBytes` bytes of the file.
   */
  resumeMessages(index: number, afterValue: boolean, skippedBytes: number): void {
    const top = this.stack[this.stack.length - 1];
    if (!top || top.role !== Role.Messages) return;
    top.index = index;
    top.expect = afterValue ? Expect.CommaOrEnd : index === 0 ? Expect.ValueOrEnd : Expect.Value;
    this.tokenizer.skipBytes(skippedBytes);
  }

  private fail(msg: string, offset: number): never {
    throw new WalkError(msg, offset);
  }

  private onToken({ token, value, offset }: ParsedTokenInfo): void {
    this.started = true;
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (this.done) this.fail("unexpected data after the end of the JSON document", offset);
      if (token !== TokenType.LEFT_BRACE) this.fail("the file does not start with a JSON object", offset);
      this.stack.push({ obj: true, role: Role.Root, expect: Expect.KeyOrEnd, key: "", index: 0, pointer: "" });
      return;
    }
    switch (token) {
      case TokenType.COLON:
        if (top.expect !== Expect.Colon) this.fail("unexpected ':'", offset);
        top.expect = Expect.Value;
        return;
      case TokenType.COMMA:
        if (top.expect !== Expect.CommaOrEnd) this.fail("unexpected ','", offset);
        top.expect = top.obj ? Expect.Key : Expect.Value;
        return;
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET: {
        const wantObj = token === TokenType.RIGHT_BRACE;
        if (top.obj !== wantObj) this.fail(`unexpected '${wantObj ? "}" : "]"}'`, offset);
        if (top.expect !== Expect.CommaOrEnd && top.expect !== Expect.KeyOrEnd && top.expect !== Expect.ValueOrEnd)
          this.fail(`unexpected '${wantObj ? "}" : "]"}'`, offset);
        this.close();
        return;
      }
      case TokenType.STRING:
        if (top.obj && (top.expect === Expect.Key || top.expect === Expect.KeyOrEnd)) {
          top.key = value as string;
          top.expect = Expect.Colon;
          return;
        }
        this.scalar(top, value as string, offset);
        return;
      case TokenType.NUMBER:
      case TokenType.TRUE:
      case TokenType.FALSE:
      case TokenType.NULL:
        this.scalar(top, value as Json, offset);
        return;
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET:
        this.open(top, token === TokenType.LEFT_BRACE, offset);
        return;
      default:
        this.fail("unexpected token", offset);
    }
  }

  private expectValue(top: Frame, offset: number): void {
    if (top.obj ? top.expect !== Expect.Value : top.expect !== Expect.Value && top.expect !== Expect.ValueOrEnd)
      this.fail("unexpected value", offset);
  }

  private scalar(top: Frame, v: Json, offset: number): void {
    this.expectValue(top, offset);
    top.expect = Expect.CommaOrEnd;
    if (top.role === Role.Skip) return;
    if (top.role === Role.Build) {
      put(top, v);
      return;
    }
    const slot = top.obj ? top.key : top.index++;
    this.deliver(top, slot, v);
  }

  private open(top: Frame, obj: boolean, offset: number): void {
    this.expectValue(top, offset);
    top.expect = Expect.CommaOrEnd;
    const frame: Frame = { obj, role: Role.Build, expect: obj ? Expect.KeyOrEnd : Expect.ValueOrEnd, key: "", index: 0, pointer: "" };
    if (top.role === Role.Skip || top.role === Role.Build) {
      frame.role = top.role;
      // A value nested past what the converters' recursion can take (a hostile text 100,000 levels deep
      // overflowed the stack and lost the rest of the file): the rest of it is skipped, a marker kept.
      if (top.role === Role.Build && this.stack.length > MAX_BUILD_STACK) {
        frame.role = Role.Skip;
        put(top, TOO_DEEP_MARK);
        this.tooDeep++;
      }
      if (frame.role === Role.Build) frame.value = obj ? {} : [];
      this.stack.push(frame);
      return;
    }
    const slot = top.obj ? top.key : top.index;
    frame.pointer = top.pointer + "/" + (typeof slot === "string" ? escapePointer(slot) : String(slot));
    frame.slot = slot;
    if (!top.obj) top.index++;
    frame.role = this.route(top, slot, obj, frame);
    if (frame.role === Role.Build) frame.value = obj ? {} : [];
    this.stack.push(frame);
  }

  /** Decides what a container opening at `slot` of `parent` is. */
  private route(parent: Frame, slot: string | number, obj: boolean, frame: Frame): Role {
    switch (parent.role) {
      case Role.Root: {
        const key = slot as string;
        if (key === "messages" && !obj) return this.messages(this.ensureRootChat(), frame);
        if (CHAT_SECTIONS.has(key) && obj) {
          frame.section = key;
          return Role.Section;
        }
        if (SKIPPED_SECTIONS.has(key)) return Role.Skip;
        return Role.Build;
      }
      case Role.Section:
        if (slot === "list" && !obj) {
          frame.section = parent.section!;
          return Role.ChatList;
        }
        return Role.Build;
      case Role.ChatList:
        if (obj) {
          frame.chat = { section: parent.section, index: slot as number, pointer: frame.pointer };
          this.h.chatStart(frame.chat);
          return Role.Chat;
        }
        return Role.Build;
      case Role.Chat:
        if (slot === "messages" && !obj) return this.messages(parent.chat!, frame);
        return Role.Build;
      default:
        return Role.Build;
    }
  }

  /** A chat's `messages` array opens in `frame`; a second one (a duplicate key) gets a pointer of its own. */
  private messages(chat: ChatSlot, frame: Frame): Role {
    const n = (chat.arrays ?? 0) + 1;
    chat.arrays = n;
    frame.chat = chat;
    if (n > 1) frame.pointer += `[${n}]`;
    this.h.messagesStart(chat, frame.pointer, n);
    return Role.Messages;
  }

  private ensureRootChat(): ChatSlot {
    if (!this.rootChat) {
      this.rootChat = { section: undefined, index: 0, pointer: "" };
      this.h.chatStart(this.rootChat);
    }
    return this.rootChat;
  }

  private close(): void {
    const frame = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1];
    switch (frame.role) {
      case Role.Root:
        if (this.rootChat) this.h.chatEnd(this.rootChat);
        this.done = true;
        return;
      case Role.Build:
        if (parent!.role === Role.Build) put(parent!, frame.value!);
        else this.deliver(parent!, frame.slot!, frame.value!);
        return;
      case Role.Skip:
        if (parent!.role === Role.Root) this.h.section(frame.slot as string, undefined);
        return;
      case Role.Chat:
        this.h.chatEnd(frame.chat!);
        return;
      default:
        return;
    }
  }

  /** Hands a complete value at `slot` of a structural frame to the handler. */
  private deliver(parent: Frame, slot: string | number, v: Json): void {
    switch (parent.role) {
      case Role.Root: {
        const key = slot as string;
        if (ROOT_CHAT_KEYS.has(key)) this.h.chatField(this.ensureRootChat(), key, v);
        else this.h.section(key, v);
        return;
      }
      case Role.Chat:
        this.h.chatField(parent.chat!, slot as string, v);
        return;
      case Role.Messages:
        this.h.message(parent.chat!, slot as number, v, `${parent.pointer}/${slot}`);
        return;
      case Role.ChatList:
        this.h.strayListItem(parent.section!, slot as number, v, `${parent.pointer}/${slot}`);
        return;
      case Role.Section:
        // `about` and other keys of a chats/left_chats section are structure; a `list` that is no array is reported.
        if (slot === "list") this.h.strayListItem(parent.section!, -1, v, `${parent.pointer}/list`);
        return;
      default:
        return;
    }
  }
}

function put(frame: Frame, v: Json): void {
  if (frame.obj) {
    const o = frame.value as JsonObject;
    if (frame.key === "__proto__") Object.defineProperty(o, "__proto__", { value: v, enumerable: true, writable: true, configurable: true });
    else o[frame.key] = v;
  } else (frame.value as Json[]).push(v);
}
