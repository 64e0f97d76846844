/**
 * The qq-mht sample inputs (samples/qq-mht/<case>/input.mht), built from code so that each quirk is
 * deliberate and reviewable here; test/qq-mht-samples.test.ts checks the committed files still match
 * (regenerate with `UPDATE_SAMPLES=1 npx vitest run test/qq-mht-samples.test.ts`).
 */
import { deflateSync } from "node:zlib";
import { GIF_1X1, PNG_1X1, buildMht, font, img, row } from "./qq-mht-build.js";

/** A 2×2 red PNG (distinct bytes and hash from {@link PNG_1X1}). */
export const PNG_RED_2X2 = (() => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
})();

let gbMap: Map<string, number> | undefined;
/** GB18030 bytes of a text made of ASCII and GBK two-byte characters (built by inverting TextDecoder). */
export function encodeGb18030(text: string): Buffer {
  if (!gbMap) {
    gbMap = new Map();
    const dec = new TextDecoder("gb18030");
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== "\ufffd" && !gbMap.has(ch)) gbMap.set(ch, (a << 8) | b);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const v = gbMap.get(ch);
      if (v === undefined) throw new Error(`no GBK code for ${ch}`);
      out.push(v >> 8, v & 0xff);
    }
  }
  return Buffer.from(out);
}

const G1 = "33E8481F-D8C5-42c7-B3E0-FD1484C54196";
const G2 = "96F1308E-DDB6-44b1-98D1-16EE42C52F27";
const G3 = "0A1B2C3D-4E5F-4a6b-8C9D-0E1F2A3B4C5D";
const G4 = "7D6C5B4A-3928-4f17-A6B5-C4D3E2F1A0B9";

/** Every sample: name → file bytes (and options.json content when the case needs options). */
export const QQ_MHT_SAMPLES: Record<string, { input: Buffer; options?: Record<string, unknown> }> = {
  // A group export with two embedded images (PNG, GIF), a system message, e-mail sender in &lt;&gt;, a
  // 【title】, QQ's bogus &get; entity, faces, <br> line breaks, bold/italic runs, the green "own" colour,
  // one image referenced with different GUID case, and an image-only message.
  "group-images": {
    input: buildMht({
      rows: [
        row.title(), row.group("我加入的群聊"), row.object("咕咕瓜的避难窝"), row.spacer(), row.date("2020-02-11"),
        row.message("系统消息(10000)", "4:36:46", font("你已经是群成员了，和大家打个招呼吧！", "", "505050")),
        row.message("大魔头&lt;someone@example.com&gt;", "12:28:18", font("看字节码干嘛 a &get; b /托腮") + font("<br>第二行 [表情]", "华文楷体", "FF0000")),
        row.message("【管理员】风自由(23246779)", "12:30:01", font("<b>加粗</b>和<i>斜体</i>") + img(G1) + font("图后文字")),
        row.message("风自由(23246779)", "12:30:05", img(G2.toLowerCase()), "#42B475"),
        row.message("(12345678)", "23:59:59", font("[捂脸]"), "#42B475"),
      ],
      images: [
        { guid: G1, type: "image/png", bytes: PNG_1X1 },
        { guid: G2, type: "image/gif", bytes: GIF_1X1 },
      ],
    }),
    options: { variants: ["lf", "crlf", "bom"] },
  },
  // A friend chat of the 2010s: name-only sender headers, a day change, an empty message, a message
  // with a blank line in it.
  "friend-name-only": {
    input: buildMht({
      rows: [
        row.title(), row.group("我的好友"), row.object("Victor.Woo"), row.spacer(), row.date("2010-01-06"),
        row.message("Victor.Woo", "16:57:28", font("http://pic4.nipic.com/20090728/1684061_175750076_2.jpg")),
        row.message("我自己", "16:58:02", font("收到"), "#42B475"),
        row.date("2010-05-27"),
        row.message("Victor.Woo", "12:29:35", font("6块钱包月55<br>8000/月<br><br>中心端，用户端")),
        row.message("我自己", "12:30:00", "", "#42B475"),
      ],
    }),
    options: { readerOptions: { self: "我自己" }, variants: ["lf", "crlf", "bom"] },
  },
  // A whole-archive export: two sections (a friend, then a group) in one HTML part, each with its own
  // 消息分组 / 消息对象 rows and dates.
  "two-sections": {
    input: buildMht({
      rows: [
        row.title(), row.group("我的好友"), row.object("张三"), row.spacer(), row.date("2013-06-23"),
        row.message("张三(10001)", "15:52:32", font("http://yun.baidu.com/buy/center?tag=4#FAQ02<br><br>百度亮了，自己找亮点")),
        row.message("李四(10002)", "15:53:00", font("好的"), "#42B475"),
        row.spacer(), row.group("技术.关注"), row.object("*PowerShell技术交流"), row.spacer(), row.date("2013-06-23"),
        row.message("此消彼长，云过有痕&lt;member1@example.com&gt;", "18:42:35", font("[表情]")),
        row.message("王五(10003)", "18:43:10", font("王五撤回了一条消息")),
        row.date("2013-06-24"),
        row.message("李四(10002)", "0:00:05", font("&lt;script&gt;not markup&lt;/script&gt; &amp;get; stays"), "#42B475"),
      ],
    }),
    options: { tz: "Asia/Shanghai", variants: ["lf", "crlf", "bom"] },
  },
  // Images the export dropped: one reference has no part; one part has no reference; the part that is
  // used says image/jpeg but holds a PNG (the attachment takes the sniffed type, keeps the declared one).
  "missing-image": {
    input: buildMht({
      rows: [
        row.title(), row.group("我的群聊"), row.object("测试群"), row.spacer(), row.date("2016-03-01"),
        row.message("甲(20001)", "9:00:00", img(G3)),
        row.message("乙(20002)", "9:00:30", font("这张看得到：") + img(G1)),
      ],
      images: [
        { guid: G1, type: "image/jpeg", bytes: PNG_RED_2X2 },
        { guid: G4, type: "image/jpeg", bytes: PNG_1X1 },
      ],
    }),
    options: { variants: ["lf", "crlf", "bom"] },
  },
  // The HTML part in GB18030 (no BOM anywhere): strict UTF-8 fails, the reader falls back and says so.
  gb18030: {
    input: buildMht({
      bom: false,
      encodeHtml: encodeGb18030,
      rows: [
        row.title(), row.group("我的好友"), row.object("老同学"), row.spacer(), row.date("2012/4/11"),
        row.message("老同学(30001)", "12:28:18", font("中文编码测试：你好，世界！")),
        row.message("我(30002)", "12:34:43", font("收到，谢谢"), "#42B475"),
      ],
    }),
  },
  // LF line endings, no BOM, an English-locale Windows: 12-hour times with &nbsp;AM/PM and yyyy/M/d
  // dates; one image part (offsets must hold with LF too).
  "lf-english-locale": {
    input: buildMht({
      eol: "\n",
      bom: false,
      rows: [
        row.title(), row.group("我的群聊"), row.object("湖之仆从（PST 8pm | BJT 11am）"), row.spacer(), row.date("2019/9/23"),
        row.message("骰娘-Roll100(12345678)", "8:43:38&nbsp;PM", font("1")),
        row.date("2019/9/24"),
        row.message("暗夜(23456789)", "12:01:02&nbsp;AM", img(G1)),
        row.message("系统消息(1000000)", "8:49:12&nbsp;PM", font("真核生物独幕剧加入本群。")),
      ],
      images: [{ guid: G1, type: "image/png", bytes: PNG_1X1 }],
    }),
    options: { variants: ["lf", "crlf", "bom"] },
  },
};
