/**
 * The lines of signal-export's `chat.md` (formats-intl.md §10.1; exporter source: carderne/signal-export
 * sigexport/models.py `Message.to_md`, create.py `create_message`). A message is
 * `[<date> <time>] <sender>: <quote><body>` and runs to the next header line:
 *
 * - current: `[2024-05-01 09:15:02] Jane Doe: Hi` (strftime `%Y-%m-%d %H:%M:%S`);
 * - older releases: `[2019-12-24, 12:23] Jane Doe: Hello John!` (minutes, a comma).
 *
 * The body is the message text with two spaces appended (a Markdown line break), then, in this order:
 * `\n(- Name: 👍, Name2: ❤️ -)` reactions, `\n(( label ))` a sticker without a file (or
 * `[label](../exported_stickers/…)  ` with one), and every attachment as `![name](./media/x.jpg)  `
 * (images) or `[name](./media/x.pdf)  `, whitespace in the path written `%20`. A quote comes first:
 * `\n\n> line\n> line\n\n`. A deleted message is `(This message was deleted)` alone.
 */

/** One header line, split. */
export interface Header {
  /** The bracketed time as written, e.g. "2024-05-01 09:15:02". */
  rawTime: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
  /** "current" (seconds, no comma) or "2019" (minutes, a comma). */
  style: "current" | "2019";
  sender: string;
  /** What follows `<sender>:` on the line (its one space removed). */
  rest: string;
}

const HEADER = /^\[(\d{4})-(\d{2})-(\d{2})(, | )(\d{2}):(\d{2})(?::(\d{2}))?\] (.*?):(?: (.*))?$/;

/** The header a line starts a message with, or undefined. */
export function parseHeader(line: string): Header | undefined {
  if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
  const m = HEADER.exec(line);
  if (!m) return undefined;
  const comma = m[4] === ", ";
  // Each style writes exactly one shape: seconds without the comma, minutes with it.
  if (comma === (m[7] !== undefined)) return undefined;
  const h: Header = {
    rawTime: line.slice(1, line.indexOf("]")),
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[5]),
    minute: Number(m[6]),
    style: comma ? "2019" : "current",
    sender: m[8]!,
    rest: m[9] ?? "",
  };
  if (m[7] !== undefined) h.second = Number(m[7]);
  return h;
}

/** A file a message names: `![name](./media/x.jpg)` (image) or `[name](path)`. */
export interface MediaLink {
  name: string;
  /** The path as written, relative to the chat folder (`%20` for whitespace). */
  href: string;
  image: boolean;
}

/** What the exporter appended to a message's text, taken off its end. */
export interface BodyParts {
  text: string;
  quote?: string;
  reactions: { name: string; emoji: string }[];
  /** A sticker written as `(( label ))` (no file) or linked to its file. */
  sticker?: { label: string; link?: MediaLink };
  attachments: MediaLink[];
  deleted: boolean;
}

const DELETED = "(This message was deleted)";
const isPathChar = (c: string): boolean => c !== ")" && !/\s/.test(c);

/**
 * The link appended at the end of `s`, as `(!?)\[([^\]\n]*)\]\((\.{1,2}\/[^)\s]*)\) {2}$` finds it (the
 * path has no whitespace, the exporter writes %20, and starts ./ or ../; the label has no "]" or line
 * break), found from the end: as that regex, a line of 60,000 "[" took 2.3 s and 120,000 took 11 s (every
 * "[" scanned its label to the end of the run).
 */
export function trailingLink(s: string): { index: number; image: boolean; name: string; href: string } | undefined {
  if (!s.endsWith(")  ")) return undefined;
  const p = s.length - 3;
  let r = p;
  while (r > 0 && isPathChar(s[r - 1]!)) r--;
  // The leftmost "](" whose path reaches the end and has a "[" before it on its line without a "]"
  // between: the match the regex, trying starts from the left, finds first.
  for (let b = s.indexOf("](", r); b >= 0 && b + 2 <= p; b = s.indexOf("](", b + 1)) {
    if (!s.startsWith("./", b + 2) && !s.startsWith("../", b + 2)) continue;
    let open = -1;
    for (let i = b - 1; i >= 0; i--) {
      const c = s[i]!;
      if (c === "]" || c === "\n") break;
      if (c === "[") open = i;
    }
    if (open < 0) continue;
    const image = open > 0 && s[open - 1] === "!";
    return { index: image ? open - 1 : open, image, name: s.slice(open + 1, b), href: s.slice(b + 2, p) };
  }
  return undefined;
}
const TRAILING_REACTIONS = /\n\(- (.*) -\)$/;
const TRAILING_STICKER = /\n\(\( (.*) \)\)$/;

/**
 * Splits a message's body (the rest of its header line, then its other lines joined by "\n") into the
 * text and what the exporter appended: attachments from the end, then a sticker, reactions, the
 * Markdown line break, and a leading quote.
 */
export function splitBody(body: string): BodyParts {
  const parts: BodyParts = { text: body, reactions: [], attachments: [], deleted: false };
  if (body === DELETED) {
    parts.deleted = true;
    parts.text = "";
    return parts;
  }
  let rest = body;
  for (let m = trailingLink(rest); m; m = trailingLink(rest)) {
    const link: MediaLink = { name: m.name, href: m.href, image: m.image };
    rest = rest.slice(0, m.index);
    if (link.href.startsWith("../exported_stickers/") && !link.image && parts.sticker === undefined) parts.sticker = { label: link.name, link };
    else parts.attachments.unshift(link);
  }
  const sticker = TRAILING_STICKER.exec(rest);
  if (sticker && parts.sticker === undefined) {
    parts.sticker = { label: sticker[1]! };
    rest = rest.slice(0, sticker.index);
  }
  const reactions = TRAILING_REACTIONS.exec(rest);
  if (reactions) {
    for (const r of reactions[1]!.split(", ")) {
      const colon = r.lastIndexOf(": ");
      if (colon > 0) parts.reactions.push({ name: r.slice(0, colon), emoji: r.slice(colon + 2) });
    }
    rest = rest.slice(0, reactions.index);
  }
  if (rest.endsWith("  ")) rest = rest.slice(0, -2);
  // The quote comes before the text, so the header line ends at the colon.
  const q = takeQuote(rest);
  if (q.quote !== undefined) parts.quote = q.quote;
  parts.text = q.rest;
  return parts;
}

/** A quote as create.py writes it, `"\n\n> line\n> line\n\n"`, taken off the start of `text`. */
export function takeQuote(text: string): { quote?: string; rest: string } {
  if (!text.startsWith("\n\n> ")) return { rest: text };
  const end = text.indexOf("\n\n", 2);
  if (end < 0) return { rest: text };
  const quote = text
    .slice(2, end)
    .split("\n")
    .map((l) => l.replace(/^> ?/, ""))
    .join("\n");
  return { quote, rest: text.slice(end + 2) };
}

/** A link's path as a file path: `%20` back to a space, the leading `./` dropped. */
export function linkPath(href: string): string {
  return href.replace(/%20/g, " ").replace(/^\.\//, "");
}
