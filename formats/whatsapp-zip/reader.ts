import { ChatportError } from "../../src/diagnostics/errors.js";
import { reportRefusedEntries } from "../../src/plugin/refused-entries.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { zipTree, type ZipTree } from "../../src/io/zip.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { readChatText, treeLookup } from "../whatsapp-txt/reader.js";
import { pickChatText } from "./pick.js";

/**
 * Reads a WhatsApp export zip (or the folder it was unzipped to): the chat text is read by the
 * whatsapp-txt core, and every file a message names is looked up beside it and hashed from the entry
 * stream — nothing is extracted to disk. Unsafe entry names are refused with a diagnostic.
 */
export async function* readWhatsAppZip(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const isZip = input.kind === "file";
  const tree: InputTree = isZip ? zipTree(input) : input;
  const listing = await tree.list();
  const refused = isZip ? await reportRefusedEntries(tree as ZipTree, input.name, ctx) : [];
  const pick = pickChatText(listing);
  if (!pick) {
    // The chat text is there but was refused (encrypted, an unsupported compression, an unsafe path): say
    // that, not that the archive holds none.
    const chatRefused = pickChatText(refused.map((r) => r.name));
    const why = chatRefused ? refused.find((r) => r.name === chatRefused.path)!.reason : undefined;
    if (why) throw new ChatportError("input-damaged", `${input.name}: its chat text "${chatRefused!.path}" cannot be read (${why}); export the chat again, or unzip it with a tool that can and pass the folder.`);
    throw new ChatportError("unknown-format", `${input.name} holds no WhatsApp chat text (_chat.txt or "WhatsApp Chat with ….txt"); check that this is an "Export chat" archive.`);
  }
  const source = await tree.open(pick.path);
  if (!source) throw new ChatportError("input-damaged", `${input.name}: ${pick.path} is listed but cannot be opened; export the chat again.`);
  const dir = pick.path.includes("/") ? pick.path.slice(0, pick.path.lastIndexOf("/") + 1) : "";
  const beside = treeLookup(tree, dir);
  const atRoot = treeLookup(tree, "");
  yield* readChatText(
    {
      source,
      file: isZip ? input.name : `${input.name}/${pick.path}`,
      place: isZip
        ? (line, endLine) => ({ entry: pick.path, inner: endLine ? { line, endLine } : { line } })
        : (line, endLine) => (endLine ? { line, endLine } : { line }),
      containerName: input.name,
      media: async (name) => (await beside(name)) ?? (dir ? atRoot(name) : undefined),
    },
    ctx,
  );
}
