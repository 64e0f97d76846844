import { chatNameFromFileName } from "../whatsapp-txt/reader.js";

/** The chat text of an export listing, and how it was chosen. */
export interface ChatTextPick {
  path: string;
  how: "chat-txt" | "named" | "only-txt";
}

/** True for macOS re-zip junk: `__MACOSX/…` AppleDouble folders and `._name` companions (formats-intl.md §1.1). */
export function isMacJunk(path: string): boolean {
  return path.startsWith("__MACOSX/") || path.includes("/__MACOSX/") || /(^|\/)\._/.test(path);
}

/**
 * Picks the chat text: `_chat.txt` (shallowest), else the shortest `.txt` whose name reads like a
 * WhatsApp export or contains chat/whatsapp, else the only `.txt` (what mlomb/chat-analytics does).
 */
export function pickChatText(listing: string[]): ChatTextPick | undefined {
  const txt = listing.filter((p) => /\.txt$/i.test(p) && !isMacJunk(p));
  const depth = (p: string) => p.split("/").length;
  const byDepthThenLength = (a: string, b: string) => depth(a) - depth(b) || a.length - b.length || (a < b ? -1 : 1);
  const chat = txt.filter((p) => /(^|\/)_chat\.txt$/.test(p)).sort(byDepthThenLength);
  if (chat[0]) return { path: chat[0], how: "chat-txt" };
  const named = txt.filter((p) => chatNameFromFileName(p) !== undefined || /chat|whatsapp/i.test(p.replace(/^.*\//, ""))).sort(byDepthThenLength);
  if (named[0]) return { path: named[0], how: "named" };
  if (txt.length === 1) return { path: txt[0]!, how: "only-txt" };
  return undefined;
}
