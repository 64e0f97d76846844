import { stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";
import { directoryTree, fileSource, type InputSource, type InputTree } from "../io/source.js";

/** Opens a path as an input: a file becomes an InputSource, a folder an InputTree. Clear errors otherwise. */
export async function openInput(path: string): Promise<InputSource | InputTree> {
  // Readers detect formats by looking at the start and then read again (hashing, SQLite copies): a pipe
  // cannot be read twice.
  if (path === "-") throw new ChatportError("usage", "Reading the export from standard input (-) is not supported; save it to a file and give its path.");
  const full = resolve(path);
  let st;
  try {
    st = await stat(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ChatportError("input-unreadable", `${path}: no such file or folder; check the path.`);
    if (code === "EACCES") throw new ChatportError("input-unreadable", `${path}: permission denied; make the file readable and run again.`);
    if (code === "ELOOP") throw new ChatportError("input-unreadable", `${path}: a symbolic link that leads back to itself (a loop); give the real file or folder.`);
    if (code === "ENOTDIR") throw new ChatportError("input-unreadable", `${path}: a part of the path is a file, not a folder; check the path.`);
    throw new ChatportError("input-unreadable", `${path}: cannot be read (${code ?? String(e)}).`);
  }
  if (st.isDirectory()) return directoryTree(full, basename(full));
  if (!st.isFile()) throw new ChatportError("input-unreadable", `${path} is not a regular file; give an exported chat file or folder.`);
  if (st.size === 0) throw new ChatportError("input-unreadable", `${path} is empty (0 bytes); export the chat again or check that the copy finished.`);
  // The folder around the file is its parent, so readers can find media and sidecar files beside it
  // (PyWxDump users.json and FileStorage paths, contact databases next to a message database).
  return fileSource(full, basename(full), st.size, directoryTree(dirname(full), basename(dirname(full))));
}
