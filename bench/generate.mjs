// Generates large synthetic inputs for `npm run bench` into bench/work/ (not committed).
import { createWriteStream, mkdirSync, existsSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";

const WORK = join(import.meta.dirname, "work");
mkdirSync(WORK, { recursive: true });

const NAMES = ["林小满", "周一", "阿哲", "小鱼干Ｏ(≧▽≦)Ｏ", "Alice", "Bob", "大熊", "阿宁"];
const BODIES = ["好的", "今天读第三章，记得带笔记本", "[图片]", "[表情]", "哈哈哈哈 /托腮", "http://example.com/a?b=1", "第一行\n第二行", "明天见！"];

async function writeLines(path, count, lineFor) {
  const out = createWriteStream(path);
  let buf = "";
  for (let i = 0; i < count; i++) {
    buf += lineFor(i);
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "close");
}

const pad = (n) => String(n).padStart(2, "0");
function wall(i) {
  // one message every ~3 s starting 2017-01-01; calendar via UTC arithmetic (no host zone)
  const d = new Date(Date.UTC(2017, 0, 1) + i * 3000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

/** QQ TXT: BOM, CRLF structure, bare LF inside bodies. */
export async function qqTxt(count, name = `qq-${count}.txt`) {
  const path = join(WORK, name);
  if (existsSync(path)) return path;
  const head = "\uFEFF消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n" + "=".repeat(64) + "\r\n消息分组:我的QQ群\r\n" + "=".repeat(64) + "\r\n消息对象:基准测试群\r\n" + "=".repeat(64) + "\r\n\r\n";
  await writeLines(path, count + 1, (i) => {
    if (i === 0) return head;
    const t = wall(i);
    const who = i % NAMES.length;
    return `${t.y}-${pad(t.mo)}-${pad(t.d)} ${t.h}:${pad(t.mi)}:${pad(t.s)} ${NAMES[who]}(${800000000 + who})\r\n${BODIES[i % BODIES.length]}\r\n\r\n`;
  });
  return path;
}

/** WhatsApp Android TXT (dd/mm/yyyy, HH:MM - Name: text). */
export async function whatsappTxt(count, name = `whatsapp-${count}.txt`) {
  const path = join(WORK, name);
  if (existsSync(path)) return path;
  await writeLines(path, count, (i) => {
    const t = wall(i);
    return `${pad(t.d)}/${pad(t.mo)}/${t.y}, ${pad(t.h)}:${pad(t.mi)} - ${NAMES[i % 4 + 4]}: ${BODIES[i % BODIES.length].replace("[图片]", "<Media omitted>")}\n`;
  });
  return path;
}

/** Telegram Desktop single-chat result.json. */
export async function telegramJson(count, name = `telegram-${count}.json`) {
  const path = join(WORK, name);
  if (existsSync(path)) return path;
  await writeLines(path, count + 2, (i) => {
    if (i === 0) return '{\n "name": "Bench",\n "type": "personal_chat",\n "id": 4242,\n "messages": [\n';
    if (i === count + 1) return "\n ]\n}\n";
    const n = i - 1;
    const unix = 1483228800 + n * 3;
    const t = wall(n);
    const msg = { id: n + 1, type: "message", date: `${t.y}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}`, date_unixtime: String(unix), from: NAMES[n % 2 + 4], from_id: `user${100 + (n % 2)}`, text: BODIES[n % BODIES.length], text_entities: [{ type: "plain", text: BODIES[n % BODIES.length] }] };
    return (n ? ",\n" : "") + "  " + JSON.stringify(msg);
  });
  return path;
}

export function sizeOf(p) {
  return statSync(p).size;
}
