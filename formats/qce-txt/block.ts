import {
  CONTENT_LINE, MENTIONS_LINE, NUMBER_LINE, REPLY_LINE, RESOURCE_ITEM, RESOURCES_LINE, TIME_LINE, TYPE_LINE, nameOf,
} from "./grammar.js";

/** One resource entry of a block: `  - type: name`. */
export interface ResourceEntry {
  type: string;
  name: string;
}

/** A message block split into its parts (FORMAT.md "Message blocks"). */
export interface BlockParts {
  /** `[N]` line before the sender, when QCE numbered messages. */
  number?: string;
  name: string;
  /** The value of the `时间:` line as written; undefined when the block has none. */
  rawTime?: string;
  /** The value of a `类型:` line. */
  type?: string;
  /** False when the block has no `内容:` line (its text lines, if any, are kept as the text). */
  hasContent: boolean;
  /** The text: after `内容: `, plus continuation lines, joined by "\n". */
  text: string;
  resources: ResourceEntry[];
  /** N of `资源: N 个文件`. */
  resourcesDeclared?: number;
  /** The `提及:` value, raw. */
  mentions?: string;
  /** The `回复:` value, raw. */
  reply?: string;
  /** Lines of the block that belong to the message (all but the trailing blank separators). */
  linesInMessage: number;
  /** Trailing blank separator lines. */
  linesStructural: number;
}

const blank = (s: string): boolean => s.trim() === "";

/**
 * Splits the lines of one block, from its `[N]`/sender line to the line before the next block or the
 * footer. Metadata is read from the end only, in QCE's order (资源 + items, 提及, 回复), so a text line
 * that merely looks like metadata but has more text after it stays text.
 */
export function splitBlock(lines: readonly string[]): BlockParts {
  let end = lines.length;
  while (end > 1 && blank(lines[end - 1]!)) end--;
  const linesStructural = lines.length - end;

  let i = 0;
  let number: string | undefined;
  const n0 = NUMBER_LINE.exec(lines[0]!);
  if (n0 && lines.length > 1) {
    number = n0[1]!;
    i = 1;
  }
  const name = nameOf(lines[i]!);
  i++;
  let rawTime: string | undefined;
  const t = i < end ? TIME_LINE.exec(lines[i]!) : null;
  if (t) {
    rawTime = t[1]!.trim();
    i++;
  }
  let type: string | undefined;
  const ty = i < end ? TYPE_LINE.exec(lines[i]!) : null;
  if (ty) {
    type = ty[1]!.trim();
    i++;
  }
  const hasContent = i < end && CONTENT_LINE.test(lines[i]!);
  // Metadata can only follow the 内容 line (or, without one, whatever stands there).
  const floor = hasContent ? i + 1 : i;

  let metaStart = end;
  let reply: string | undefined;
  let mentions: string | undefined;
  if (metaStart > floor) {
    const r = REPLY_LINE.exec(lines[metaStart - 1]!);
    if (r) {
      reply = r[1]!;
      metaStart--;
    }
  }
  if (metaStart > floor) {
    const m = MENTIONS_LINE.exec(lines[metaStart - 1]!);
    if (m) {
      mentions = m[1]!;
      metaStart--;
    }
  }
  const resources: ResourceEntry[] = [];
  let resourcesDeclared: number | undefined;
  let k = metaStart;
  while (k > floor && RESOURCE_ITEM.test(lines[k - 1]!)) k--;
  if (k > floor) {
    const head = RESOURCES_LINE.exec(lines[k - 1]!);
    if (head) {
      resourcesDeclared = Number(head[1]);
      for (let j = k; j < metaStart; j++) {
        const item = RESOURCE_ITEM.exec(lines[j]!)!;
        resources.push({ type: item[1]!, name: item[2]! });
      }
      metaStart = k - 1;
    }
  }

  const body = lines.slice(i, metaStart);
  if (hasContent && body.length > 0) body[0] = body[0]!.replace(CONTENT_LINE, "");
  return {
    ...(number !== undefined ? { number } : {}),
    name,
    ...(rawTime !== undefined ? { rawTime } : {}),
    ...(type !== undefined ? { type } : {}),
    hasContent,
    text: body.join("\n"),
    resources,
    ...(resourcesDeclared !== undefined ? { resourcesDeclared } : {}),
    ...(mentions !== undefined ? { mentions } : {}),
    ...(reply !== undefined ? { reply } : {}),
    linesInMessage: end,
    linesStructural,
  };
}
