/**
 * Writes any archive as a WhatsApp "Export chat" file — the shape Telegram's "Import chat history"
 * takes (FORMAT.md, "Writer"): `_chat.txt` alone (`-o x.txt`), or a zip with `_chat.txt` and the media files
 * (`-o x.zip`). One chat per output: a second conversation goes to a sibling file. Deterministic bytes.
 */
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import type yazlTypes from "yazl";
import type { OutputSink } from "../../src/io/sink.js";
import type { Attachment, Conversation, Message } from "../../src/model/index.js";
import type { WriteContext, WriterSession } from "../../src/plugin/types.js";
import { fixedZipDate, renderHeader, renderMessage, type Shape, type WallParts, wallPartsOf } from "./render.js";

interface Target {
  write(text: string): Promise<void>;
  /** Adds a media file; returns its entry name, or undefined when the target holds no media. */
  addMedia(a: Attachment): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Creates the writer session. */
export function createWhatsAppTxtWriter(sink: OutputSink, ctx: WriteContext): WriterSession {
  const shape = ((ctx.options.shape as Shape | undefined) ?? "android-seconds") satisfies Shape;
  const zipMode = ctx.options.container ? ctx.options.container === "zip" : /\.zip$/i.test(sink.name);
  const ext = zipMode ? ".zip" : ".txt";
  const stem = sink.name.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "") || "chat";
  let target: Target | undefined;
  let targets = 0;
  let withSeconds: boolean | undefined;
  let last: WallParts | undefined;
  const noted = new Set<string>();
  const note = (key: string, message: string) => {
    if (noted.has(key)) return;
    noted.add(key);
    ctx.report("lossy-output", { message });
  };

  /** Messages whose text holds a lone surrogate, which UTF-8 writes as U+FFFD (reported once, at the end). */
  let lone = 0;
  let firstLone: Message | undefined;

  const open = async (s: OutputSink): Promise<Target> => (zipMode ? zipTarget(s, ctx, note) : textTarget(s, note));

  return {
    async begin() {},
    async conversation(c: Conversation) {
      withSeconds = undefined;
      last = undefined;
      targets++;
      if (targets === 1) target = await open(sink);
      else if (ctx.openSibling) {
        await target?.close();
        target = await open(await ctx.openSibling(`${stem}-${targets}${ext}`));
      } else note("many", `Several conversations were written into one WhatsApp export (${c.title} and others); Telegram imports a file as one chat. Write to a file to get one export per conversation.`);
    },
    async message(m: Message) {
      target ??= await open(sink);
      withSeconds ??= shape !== "android" && !["minute", "day"].includes(m.sentAt.precision);
      let parts = wallPartsOf(m.sentAt);
      if (!m.sentAt.wall && parts) note("utc", "Some messages had no wall-clock time; they were written in UTC.");
      if (!parts) {
        note("notime", `A message has no usable time (raw "${m.sentAt.raw}"); it was written with the time of the message before it.`);
        parts = last ?? { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
      }
      if (withSeconds && (m.sentAt.precision === "minute" || m.sentAt.precision === "day")) note("seconds", "Some times had no seconds; :00 was written.");
      if (!withSeconds && parts.second !== 0) note("cut", "Seconds were dropped to keep one header shape (the first message had minute precision).");
      last = parts;
      const header = renderHeader(parts, shape, withSeconds);
      const sender = m.senderId !== null ? ctx.participant(m.senderId) : undefined;
      const media: (string | undefined)[] = [];
      for (const a of m.attachments) media.push(a.availability === "present" ? await target.addMedia(a) : undefined);
      const { text, warnings } = renderMessage(m, sender, header, shape, media);
      for (const w of warnings) note(w.key, w.message);
      if (!isWellFormed(text)) {
        lone++;
        firstLone ??= m;
      }
      await target.write(text);
    },
    async conversationEnd() {},
    async end() {
      if (firstLone)
        ctx.report("lossy-output", {
          message: `${lone === 1 ? "One message" : `${lone} messages`} (the first: ${firstLone.id}) held lone surrogates (half of a UTF-16 pair, no character), which UTF-8 cannot encode; each was written as U+FFFD (\uFFFD).`,
          file: firstLone.provenance.file,
          place: firstLone.provenance.at,
        });
      target ??= await open(sink);
      await target.close();
    },
  };
}

function textTarget(sink: OutputSink, note: (k: string, m: string) => void): Target {
  return {
    write: async (t) => {
      await sink.write(t);
    },
    addMedia: async () => {
      note("txt-media", "Files are only included in a .zip export; the text-only export shows them as <Media omitted> (write to a .zip to include them).");
      return undefined;
    },
    close: () => sink.close(),
  };
}

/** A zip whose first entry, `_chat.txt`, is streamed as messages come; media entries follow at the end. */
async function zipTarget(sink: OutputSink, ctx: WriteContext, note: (k: string, m: string) => void): Promise<Target> {
  const { default: yazl } = (await import("yazl")) as { default: typeof yazlTypes }; // loaded on first use
  const zip = new yazl.ZipFile();
  const opts = { mtime: fixedZipDate(), forceDosTimestamp: true, compress: true };
  const chat = new PassThrough();
  zip.addReadStream(chat, "_chat.txt", opts);
  const media: { name: string; path: string }[] = [];
  const used = new Set(["_chat.txt"]);
  const pump = (async () => {
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) await sink.write(chunk);
  })();
  pump.catch(() => {}); // surfaced by close()
  return {
    async write(t) {
      if (!chat.write(t)) await Promise.race([once(chat, "drain"), pump]);
    },
    async addMedia(a) {
      if (!a.path || !ctx.openInputFile) {
        note("nomedia", "Some attachments marked present could not be opened from the input; they were written as omitted media.");
        return undefined;
      }
      const name = uniqueName(a.fileName ?? a.path.replace(/^.*\//, ""), used);
      media.push({ name, path: a.path });
      return name;
    },
    async close() {
      chat.end();
      for (const f of media) {
        zip.addReadStreamLazy(f.name, opts, (cb) => {
          ctx.openInputFile!(f.path).then(
            (src) => cb(src ? null : new Error(`${f.path} is no longer readable`), src ? Readable.from(src.stream()) : Readable.from([])),
            (e: unknown) => cb(e, Readable.from([])),
          );
        });
      }
      zip.end();
      await pump;
      await sink.close();
    },
  };
}

/**
 * A safe, unique entry name, one that unzips as itself on Windows, macOS and Linux: the base name only;
 * control and reserved characters replaced; bidirectional and invisible format characters dropped (U+202E
 * makes "gpj.exe" show as "exe.jpg"); no leading dots, no trailing dots or spaces (Windows drops them);
 * device names (CON, aux.jpg, COM1 …) prefixed; at most 80 UTF-16 units with the extension kept;
 * "(2)" on a clash, compared without case (case-insensitive file systems).
 */
export function uniqueName(name: string, used: Set<string>): string {
  let base = name
    .replace(/^.*[\\/]/, "")
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]/g, "")
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_")
    .replace(/^\.+/, "_")
    .replace(/[. ]+$/, "");
  if (/^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i.test(base)) base = "_" + base;
  if (base.length > MAX_NAME) {
    const dot = base.lastIndexOf(".");
    const ext = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : "";
    base = base.slice(0, MAX_NAME - ext.length) + ext;
  }
  base ||= "file";
  if (used.has(base.toLowerCase())) {
    const dot = base.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ""];
    let n = 2;
    while (used.has(`${stem} (${n})${ext}`.toLowerCase())) n++;
    base = `${stem} (${n})${ext}`;
  }
  used.add(base.toLowerCase());
  return base;
}

/** True when a string has no lone surrogate (String#isWellFormed, Node 20; typed here as ES2023's lib lacks it). */
const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Longest entry name (UTF-16 units): far inside the 255 bytes file systems take, even in UTF-8 CJK. */
const MAX_NAME = 80;
