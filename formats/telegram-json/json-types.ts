/** A JSON value as this reader builds it; integers beyond 2^53 stay digit strings (never rounded). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** Where a chat object sits: the root of a single-chat export, or an element of `chats.list` / `left_chats.list`. */
export interface ChatSlot {
  /** `undefined` for the root, else the section key ("chats", "left_chats", …). */
  section: string | undefined;
  /** Index in the section's list (0 for the root). */
  index: number;
  /** JSON pointer of the chat object ("" for the root). */
  pointer: string;
  /** `messages` arrays met in this chat so far (a duplicate key makes it more than one). */
  arrays?: number;
}

/** What the walker reports, in file order. Values are built only for small parts; messages one at a time. */
export interface WalkHandler {
  chatStart(chat: ChatSlot): void;
  /** A key of a chat object other than `messages` (name, type, id, …). */
  chatField(chat: ChatSlot, key: string, value: Json): void;
  /**
   * A `messages` array of the chat opens at `pointer`. A chat object with the key twice (`n` > 1) has
   * its later arrays read too, at pointers `<chat>/messages[n]` (a JSON pointer cannot tell them apart).
   */
  messagesStart(chat: ChatSlot, pointer: string, n: number): void;
  /** One element of a chat's `messages` array, complete. */
  message(chat: ChatSlot, index: number, value: Json, pointer: string): void;
  chatEnd(chat: ChatSlot): void;
  /** A top-level key that is not part of a chat (`about`, `personal_information`, `contacts` …). `value` is undefined when skipped unbuilt. */
  section(key: string, value: Json | undefined): void;
  /** An element of a chat list that is not an object. */
  strayListItem(section: string, index: number, value: Json, pointer: string): void;
}
