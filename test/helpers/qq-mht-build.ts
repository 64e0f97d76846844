/**
 * Builds QQ 消息管理器 MHT files for tests, following the verbatim snippets of formats-cn.md §2 (header
 * lines, boundary form, row markup with unquoted attributes, upper-case IMG, base64 image parts).
 */

/** 1×1 PNG (70 bytes) and 1×1 GIF (42 bytes), valid files. */
export const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
export const GIF_1X1 = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

export const BOUNDARY = "----=_NextPart_A240C18D_603F_466a_8338.0D1C1796EFC3";
export const HEAD =
  '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><title>QQ Message</title><style type="text/css">body{font-size:12px; line-height:22px; margin:2px;}td{font-size:12px; line-height:22px;}</style></head><body><table width=100% cellspacing=0>';
export const TAIL = "</table></body></html>";

const cell = (inner: string) => `<tr><td><div style=padding-left:10px;>${inner}</div></td></tr>`;

/** Row markup, verbatim shapes from §2.2. */
export const row = {
  title: () => cell("<br><b>消息记录</b>"),
  group: (name: string) => cell(`消息分组:${name}`),
  object: (name: string) => cell(`消息对象:${name}`),
  spacer: () => cell("&nbsp;"),
  date: (text: string) =>
    `<tr><td style=border-bottom-width:1px;border-bottom-color:#8EC3EB;border-bottom-style:solid;color:#3568BB;font-weight:bold;height:24px;line-height:24px;padding-left:10px;margin-bottom:5px;>日期: ${text}</td></tr>`,
  /** A message row; `body` is raw content HTML (use {@link font}). Sender text is HTML too (`Name&lt;a@b&gt;`). */
  message: (sender: string, time: string, body: string, color = "#006EFE") =>
    `<tr><td><div style=color:${color};padding-left:10px;><div style=float:left;margin-right:6px;>${sender}</div>${time}</div><div style=padding-left:20px;>${body}</div></td></tr>`,
};

/** A chat-font run as QQ writes it. */
export const font = (html: string, face = "微软雅黑", color = "000000") =>
  `<font style="font-size:10pt;font-family:'${face}','MS Sans Serif',sans-serif;" color='${color}'>${html}</font>`;

/** An image reference. */
export const img = (guid: string) => `<IMG src="{${guid}}.dat">`;

/** An image part. */
export interface ImagePart {
  guid: string;
  type: string;
  bytes: Uint8Array;
}

/** Options of {@link buildMht}. */
export interface BuildOptions {
  rows: string[];
  images?: ImagePart[];
  eol?: "\r\n" | "\n";
  bom?: boolean;
  /** Rows put on the first HTML line with the head (QQ puts everything up to the first date row there). */
  firstLineRows?: number;
  /** Omit the closing boundary (a truncated file). */
  unclosed?: boolean;
  /** Transfer encoding written for the HTML part (the body is encoded accordingly). */
  htmlTransfer?: "7bit" | "quoted-printable" | "base64";
  /** Encode the HTML part's text (default UTF-8); a function returning bytes. */
  encodeHtml?: (html: string) => Uint8Array;
}

function wrap(s: string, width: number, eol: string): string {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += width) out.push(s.slice(i, i + width));
  return out.join(eol);
}

function qpEncode(bytes: Uint8Array, eol: string): string {
  let line = "";
  const lines: string[] = [];
  for (const b of bytes) {
    const tok = (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : "=" + b.toString(16).toUpperCase().padStart(2, "0");
    if (line.length + tok.length > 75) {
      lines.push(line + "=");
      line = "";
    }
    line += tok;
  }
  lines.push(line);
  return lines.join(eol);
}

/** The HTML of an export: head + first rows on one line, one row per line after, then the tail. */
export function buildHtml(rows: string[], eol: string, firstLineRows?: number): string {
  const n = firstLineRows ?? Math.max(1, rows.findIndex((r) => r.includes("日期: ")) + 1);
  return HEAD + rows.slice(0, n).join("") + rows.slice(n).map((r) => eol + r).join("") + eol + TAIL;
}

/** Builds a whole MHT file. */
export function buildMht(o: BuildOptions): Buffer {
  const eol = o.eol ?? "\r\n";
  const html = buildHtml(o.rows, eol, o.firstLineRows);
  const htmlBytes = o.encodeHtml ? Buffer.from(o.encodeHtml(html)) : Buffer.from(html, "utf8");
  const transfer = o.htmlTransfer ?? "7bit";
  const body =
    transfer === "7bit" ? htmlBytes : Buffer.from(transfer === "base64" ? wrap(htmlBytes.toString("base64"), 76, eol) : qpEncode(htmlBytes, eol), "latin1");
  const parts: Buffer[] = [];
  const s = (t: string) => parts.push(Buffer.from(t, "utf8"));
  if (o.bom !== false) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  s(`From: <Save by Tencent MsgMgr>${eol}Subject: Tencent IM Message${eol}MIME-Version: 1.0${eol}Content-Type:multipart/related;${eol}\tcharset="utf-8"${eol}\ttype="text/html";${eol}\tboundary="${BOUNDARY}"${eol}${eol}`);
  s(`--${BOUNDARY}${eol}Content-Type: text/html${eol}Content-Transfer-Encoding:${transfer}${eol}${eol}`);
  parts.push(body);
  s(eol);
  for (const im of o.images ?? []) {
    s(`${eol}--${BOUNDARY}${eol}Content-Type:${im.type}${eol}Content-Transfer-Encoding:base64${eol}Content-Location:{${im.guid}}.dat${eol}${eol}`);
    s(wrap(Buffer.from(im.bytes).toString("base64"), 76, eol) + eol);
  }
  if (!o.unclosed) s(`${eol}--${BOUNDARY}--${eol}`);
  return Buffer.concat(parts);
}
