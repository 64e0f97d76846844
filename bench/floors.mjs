// The floors and the peer `npm run bench` compares chatport with, each run as its own process:
//   node bench/floors.mjs lines <file>      one string per line (the least a line reader must do)
//   node bench/floors.mjs tokens <file>     @streamparser/json tokenizing the file, tokens dropped
//   node bench/floors.mjs sqlite <MSG0.db>  better-sqlite3 iterating MSG rows in the order wechat-pc3 asks
//   node bench/floors.mjs wa-parser <file>  the peer whatsapp-chat-parser: file read + parseString
// Prints the count it found so a broken floor cannot pass silently.
import { createReadStream, readFileSync } from "node:fs";

const [kind, file] = process.argv.slice(2);
let n = 0;
if (kind === "lines") {
  const dec = new TextDecoder("utf-8");
  let rest = "";
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const buf = rest + dec.decode(chunk, { stream: true });
    let start = 0;
    let nl = buf.indexOf("\n");
    while (nl !== -1) {
      const line = buf.slice(start, nl);
      if (line.length >= 0) n++;
      start = nl + 1;
      nl = buf.indexOf("\n", start);
    }
    rest = buf.slice(start);
  }
  if (rest) n++;
} else if (kind === "tokens") {
  const { Tokenizer } = await import("@streamparser/json");
  const t = new Tokenizer();
  t.onToken = () => void n++;
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) t.write(chunk);
  t.end();
} else if (kind === "sqlite") {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true });
  // The columns and order of formats/wechat-pc3/schema.ts messageQuery (talker via StrTalker).
  const stmt = db.prepare(`SELECT MSG.rowid AS localId, CAST(MSG.MsgSvrID AS TEXT) AS svrid, MSG.Type AS type, MSG.SubType AS subType, MSG.IsSender AS isSender,
    MSG.CreateTime AS createTime, MSG.Sequence AS sequence, MSG.StrTalker AS talker, MSG.StrContent AS content,
    MSG.CompressContent AS compress, MSG.BytesExtra AS bytesExtra, MSG.DisplayContent AS display, MSG.Status AS status
    FROM MSG ORDER BY talker, createTime, sequence, localId`).safeIntegers(true);
  for (const row of stmt.iterate()) if (row) n++;
  db.close();
} else if (kind === "wa-parser") {
  const { parseString } = await import("whatsapp-chat-parser");
  n = parseString(readFileSync(file, "utf8")).length;
} else {
  throw new Error(`unknown floor ${kind}`);
}
process.stdout.write(`${n}\n`);
