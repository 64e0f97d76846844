import { z } from "zod";
import { Timestamp } from "./timestamp.js";

/** Kinds of identifiers a participant can carry. */
export const HandleKind = z.enum([
  "qq", "wxid", "phone", "email", "username", "telegram-id", "discord-id", "apple-id", "other",
]);
/** One handle kind. */
export type HandleKind = z.infer<typeof HandleKind>;

/** A person, bot or system account seen in the archive. */
export const Participant = z
  .object({
    id: z.string(),
    displayName: z.string(),
    aliases: z.array(z.string()),
    handles: z.array(z.object({ kind: HandleKind, value: z.string() })),
    isSelf: z.boolean().optional(),
    isSystem: z.boolean().optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "Participant" });
/** A participant. */
export type Participant = z.infer<typeof Participant>;

/** A location inside an input: a line range, a table row, a JSON pointer, or an entry of an archive. */
export type Place =
  | { line: number; endLine?: number }
  | { table: string; rowid: number | string }
  | { pointer: string }
  | { entry: string; inner?: Place };

/** Where in the input a record came from: a line, a table row, a JSON pointer or a zip entry. */
export const Place: z.ZodType<Place> = z.union([
  z.object({ line: z.number().int().positive(), endLine: z.number().int().positive().optional() }),
  z.object({ table: z.string(), rowid: z.union([z.number(), z.string()]) }),
  z.object({ pointer: z.string() }),
  z.object({
    entry: z.string(),
    get inner(): z.ZodOptional<z.ZodType<Place>> {
      return Place.optional();
    },
  }),
]) as z.ZodType<Place>;

/** The reader, file and place that produced a record. */
export const Provenance = z
  .object({ reader: z.string(), readerVersion: z.string(), file: z.string(), at: Place })
  .meta({ id: "Provenance" });
/** Provenance of a record. */
export type Provenance = z.infer<typeof Provenance>;

/** Kinds of attachment. */
export const AttachmentKind = z.enum(["image", "video", "voice", "audio", "sticker", "file", "other"]);

/** A file a message refers to, whether or not the file itself is at hand. */
export const Attachment = z
  .object({
    id: z.string(),
    kind: AttachmentKind,
    fileName: z.string().optional(),
    mediaType: z.string().optional(),
    bytes: z.number().int().nonnegative().optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    path: z.string().optional().describe("relative to the input root, or to the output for extracted files"),
    availability: z.enum(["present", "missing", "omitted"]),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "Attachment" });
/** An attachment. */
export type Attachment = z.infer<typeof Attachment>;

/** A reaction (emoji, tapback) by one or more participants. */
export const Reaction = z
  .object({ emoji: z.string(), senderIds: z.array(z.string()), count: z.number().int().nonnegative().optional() })
  .meta({ id: "Reaction" });
/** A reaction. */
export type Reaction = z.infer<typeof Reaction>;

/** Message kinds (DESIGN.md §3). */
export const MessageKind = z.enum([
  "text", "image", "video", "voice", "audio", "sticker", "file", "location", "contact", "link", "call",
  "system", "transfer", "red-packet", "poll", "mini-program", "merged", "unknown",
]);
/** One message kind. */
export type MessageKind = z.infer<typeof MessageKind>;

/** Message status; an edit shows as `editedAt`, not as a status. */
export const MessageStatus = z.enum(["normal", "recalled", "deleted"]);
/** One message status. */
export type MessageStatus = z.infer<typeof MessageStatus>;

/** A styled or structured run of text inside a message (mention, link, bold, face, code …). */
export const TextPart = z
  .object({
    type: z.string(),
    text: z.string(),
    href: z.string().optional(),
    userId: z.string().optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "TextPart" });
/** A text part. */
export type TextPart = z.infer<typeof TextPart>;

/** Forwarding context of a message. */
export const Forwarded = z.object({
  fromName: z.string().optional(),
  fromId: z.string().optional(),
  originalSentAt: Timestamp.optional(),
});

/** One message in a conversation. Messages of a forwarded bundle nest in `extra.inner` as Messages. */
export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string | null;
  sentAt: Timestamp;
  editedAt?: Timestamp;
  kind: MessageKind;
  text: string;
  parts?: TextPart[];
  attachments: Attachment[];
  replyTo?: string;
  forwarded?: z.infer<typeof Forwarded>;
  reactions: Reaction[];
  status: MessageStatus;
  provenance: Provenance;
  raw?: string;
  extra?: Record<string, unknown>;
  /** Messages of a merged (forwarded-bundle) message, kept nested. */
  inner?: Message[];
}

/** Schema of a message. */
export const Message: z.ZodType<Message> = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    seq: z.number().int().nonnegative(),
    senderId: z.string().nullable(),
    sentAt: Timestamp,
    editedAt: Timestamp.optional(),
    kind: MessageKind,
    text: z.string(),
    parts: z.array(TextPart).optional(),
    attachments: z.array(Attachment),
    replyTo: z.string().optional(),
    forwarded: Forwarded.optional(),
    reactions: z.array(Reaction),
    status: MessageStatus,
    provenance: Provenance,
    raw: z.string().optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
    get inner() {
      return z.array(Message).optional();
    },
  })
  .meta({ id: "Message" }) as z.ZodType<Message>;

/** Conversation kinds. */
export const ConversationKind = z.enum(["direct", "group", "channel", "unknown"]);

/** One conversation (chat, group, channel). */
export const Conversation = z
  .object({
    id: z.string(),
    platform: z.string(),
    kind: ConversationKind,
    title: z.string(),
    participantIds: z.array(z.string()),
    source: z.string().describe("the input file (relative name) it was read from"),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "Conversation" });
/** A conversation. */
export type Conversation = z.infer<typeof Conversation>;

/** Diagnostic severities. */
export const Severity = z.enum(["info", "warning", "error"]);
/** One severity. */
export type Severity = z.infer<typeof Severity>;

/** A coded finding about the input, with where it was found and the raw text involved. */
export const Diagnostic = z
  .object({
    code: z.string(),
    severity: Severity,
    message: z.string(),
    origin: z.string().describe("reader or writer id, or 'chatport'"),
    file: z.string().optional(),
    place: Place.optional(),
    raw: z.string().optional(),
    count: z.number().int().positive().optional(),
  })
  .meta({ id: "Diagnostic" });
/** A diagnostic. */
export type Diagnostic = z.infer<typeof Diagnostic>;

/** An input file as read: its name relative to the input root, size and SHA-256. */
export const SourceFile = z
  .object({
    path: z.string(),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    reader: z.string(),
    readerVersion: z.string(),
    variant: z.string().optional(),
  })
  .meta({ id: "SourceFile" });
/** A source file. */
export type SourceFile = z.infer<typeof SourceFile>;

/** The tool that wrote an output. */
export const Generator = z.object({ name: z.literal("chatport"), version: z.string() });

/** A conversation as it appears in the JSON output: the conversation plus its messages. */
export const ConversationWithMessages = Conversation.extend({ messages: z.array(Message) }).meta({
  id: "ConversationWithMessages",
});
/** A conversation with its messages. */
export type ConversationWithMessages = z.infer<typeof ConversationWithMessages>;

/** The whole archive: the public JSON contract written by the `json` writer. */
export const Archive = z
  .object({
    schemaVersion: z.string(),
    generator: Generator,
    sources: z.array(SourceFile),
    participants: z.array(Participant),
    conversations: z.array(ConversationWithMessages),
    diagnostics: z.array(Diagnostic),
  })
  .meta({ id: "Archive", title: "chatport archive" });
/** An archive. */
export type Archive = z.infer<typeof Archive>;
