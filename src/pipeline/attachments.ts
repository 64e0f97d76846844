import { dirname } from "node:path";
import { directoryTree, type InputSource, type InputTree } from "../io/source.js";
import type { Attachment } from "../model/schema.js";

/** Opens an attachment's file; undefined when it cannot be found. */
export type AttachmentOpener = (attachment: Attachment) => Promise<InputSource | undefined>;

/**
 * How writers reach the bytes of `present` attachments: `Attachment.path` is relative to the input
 * root, which is the folder or archive given as input, or the folder holding a single input file
 * (its `parent` tree, else its folder on disk). Paths that would escape the root are refused by the
 * tree. Returns undefined when the input has no root at all (an in-memory file without a parent).
 */
export function attachmentOpener(input: InputSource | InputTree): AttachmentOpener | undefined {
  let root: InputTree | undefined;
  if (input.kind === "tree") root = input;
  else if (input.parent) root = input.parent;
  else if (input.path) root = directoryTree(dirname(input.path), dirname(input.path));
  if (!root) return undefined;
  const tree = root;
  return async (a) => {
    if (a.path === undefined || a.path === "") return undefined;
    try {
      return await tree.open(a.path);
    } catch {
      return undefined;
    }
  };
}
