/** Builds PC QQ 消息管理器 TXT exports in memory for writer tests (format: formats/qq-txt/FORMAT.md). */

/** One message of a synthetic QQ TXT export. */
export interface QqLine {
  /** "2017-01-01 8:36:52" */
  time: string;
  /** The sender part of the header: "成员001(800015838)". */
  sender: string;
  body: string;
}

/** A complete export with the title, separators, 消息分组 and 消息对象 blocks, CRLF line ends. */
export function qqTxt(title: string, messages: QqLine[], group = "我的群聊"): string {
  return qqTxtSections([{ title, messages }], group);
}

/** An export with several 消息对象 sections (one conversation each) under one 消息分组. */
export function qqTxtSections(sections: { title: string; messages: QqLine[] }[], group = "我的群聊"): string {
  const sep = "=".repeat(64);
  const lines = ["消息记录（此消息记录为文本格式，不支持重新导入）", "", sep, `消息分组:${group}`];
  for (const s of sections) {
    lines.push(sep, `消息对象:${s.title}`, sep, "");
    for (const m of s.messages) lines.push(`${m.time} ${m.sender}`, ...m.body.split("\n"), "");
  }
  return lines.join("\r\n") + "\r\n";
}

/** `n` messages, one per second from 2017-01-01 08:00:00 local, from three senders in turn. */
export function manyMessages(n: number): QqLine[] {
  const out: QqLine[] = [];
  for (let i = 0; i < n; i++) {
    const s = 8 * 3600 + i;
    const day = 1 + Math.floor(s / 86400);
    const r = s % 86400;
    const time = `2017-01-${String(day).padStart(2, "0")} ${Math.floor(r / 3600)}:${String(Math.floor((r % 3600) / 60)).padStart(2, "0")}:${String(r % 60).padStart(2, "0")}`;
    out.push({ time, sender: `成员${String(i % 3).padStart(3, "0")}(80001${i % 3}000)`, body: `消息 ${i}` });
  }
  return out;
}
