import { createHash } from "node:crypto";
import { hashSource } from "../../src/io/hash.js";
import { copyHashed } from "../../src/io/sink.js";
import type { InputSource } from "../../src/io/source.js";
import type { Attachment, Message } from "../../src/model/index.js";
import type { WriteContext } from "../../src/plugin/types.js";

/** What the HTML shows for one attachment marked present. */
export interface PlacedMedia {
  /** Relative link to the copy beside the output (images only). */
  href?: string;
  /** SHA-256 of the bytes found now. */
  sha256?: string;
  bytes?: number;
  /** Why the file is not shown, in words. */
  problem?: string;
}

// Raster formats a browser shows without running anything; SVG (which can carry script) is only listed.
const INLINE = new Set([".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"]);
const INLINE_TYPES = /^image\/(png|jpe?g|gif|webp|bmp)$/;

/**
 * Copies present image attachments beside the output (`<stem>_files/<sha256-prefix><ext>`, each file
 * once) so the HTML shows them inline. Each file is hashed first (its copy is named by the hash; a file
 * the reader hashed unchanged since comes from the hash memo, src/io/hash-memo.ts) and the hash compared
 * with the one the reader recorded; then it is copied, and the bytes copied are hashed again as they
 * pass. Other present files are hashed and listed, not copied.
 */
export class MediaShelf {
  private readonly copied = new Map<string, string>();

  constructor(private readonly ctx: WriteContext, private readonly folder: string | undefined) {}

  /** Resolves every present attachment of a message and of its nested messages. */
  async placeAll(m: Message, out = new Map<Attachment, PlacedMedia>()): Promise<Map<Attachment, PlacedMedia>> {
    for (const a of m.attachments) if (a.availability === "present") out.set(a, await this.place(a));
    for (const x of m.inner ?? []) await this.placeAll(x, out);
    return out;
  }

  private async place(a: Attachment): Promise<PlacedMedia> {
    if (!a.path) return { problem: "marked present but no path is recorded" };
    let src: InputSource | undefined;
    try {
      src = await this.ctx.openAttachment?.(a);
    } catch {
      src = undefined;
    }
    if (!src) {
      this.ctx.report("attachment-unreadable", { message: `Attachment ${a.path} (${a.id}) is marked present but could not be opened; shown as a placeholder.`, file: a.path });
      return { problem: `marked present but not found at ${a.path}` };
    }
    const ext = extensionOf(a);
    const inline = this.folder !== undefined && this.ctx.openSibling !== undefined && ext !== undefined && INLINE.has(ext);
    const known = a.sha256 && this.copied.get(a.sha256);
    if (known) return { href: known, sha256: a.sha256!, ...(a.bytes !== undefined ? { bytes: a.bytes } : {}) };
    const h = await hashSource(src);
    if (a.sha256 && a.sha256 !== h.sha256) {
      this.ctx.report("attachment-unreadable", { message: `Attachment ${a.path} (${a.id}) has SHA-256 ${h.sha256} now; the reader recorded ${a.sha256}.`, file: a.path });
      return { sha256: h.sha256, bytes: h.bytes, problem: `SHA-256 differs from the recorded ${a.sha256}` };
    }
    if (!inline) return { sha256: h.sha256, bytes: h.bytes };
    let href = this.copied.get(h.sha256);
    if (!href) {
      href = `${this.folder}/${h.sha256.slice(0, 16)}${ext}`;
      const copied = await this.copy(src, href, h.bytes);
      if (copied !== h.sha256) {
        this.ctx.report("attachment-unreadable", { message: `Attachment ${a.path} (${a.id}) changed while it was copied (SHA-256 ${copied}, not ${h.sha256}); the copy ${href} is not shown.`, file: a.path });
        return { sha256: copied, problem: `changed while it was copied (SHA-256 ${copied})` };
      }
      this.copied.set(h.sha256, href);
    }
    return { href, sha256: h.sha256, bytes: h.bytes };
  }

  /** Copies `src` to the sibling `name`; returns the SHA-256 of the bytes copied. */
  private async copy(src: InputSource, name: string, bytes: number): Promise<string> {
    if (bytes <= SMALL_COPY && this.ctx.writeSiblingFile) {
      const copiedHash = createHash("sha256");
      // A photo: held whole (at most 1 MiB) and written at once, not through a stream (10,000 photos of a
      // WhatsApp export: html 11.7 → 7.3 s; each stream was an open, writes and a close in the thread pool).
      const chunks: Uint8Array[] = [];
      for await (const chunk of src.stream()) {
        copiedHash.update(chunk);
        chunks.push(chunk);
      }
      await this.ctx.writeSiblingFile(name, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
      return copiedHash.digest("hex");
    }
    return copyHashed(src, await this.ctx.openSibling!(name));
  }
}

/** Files up to this size are copied with one synchronous write (WriteContext.writeSiblingFile). */
const SMALL_COPY = 1 << 20;

function extensionOf(a: Attachment): string | undefined {
  const name = a.fileName ?? a.path ?? "";
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  if (m) return "." + m[1]!.toLowerCase();
  const t = INLINE_TYPES.exec(a.mediaType ?? "");
  return t ? "." + (t[1] === "jpeg" ? "jpg" : t[1]!) : undefined;
}
