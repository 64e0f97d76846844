import { test } from "vitest";
import { readAll } from "../src/pipeline/read-all.js";
import { builtinRegistry } from "../src/builtin.js";
for (const p of ["samples/pywxdump-csv/v3-group-folder/input", "samples/pywxdump-csv/v2-private-spreadsheet-crlf/input.csv", "samples/wechatmsg-csv/group-12-columns/input.csv", "samples/wechatmsg-csv/private-9-field-quirk/input"])
test(p, async () => {
  const acc: any[] = [];
  const a = await readAll(p, builtinRegistry, { onAccounting: (x) => acc.push(x) });
  console.log(p, JSON.stringify(acc), JSON.stringify(a.sources.map(s=>[s.reader,s.variant])));
  for (const c of a.conversations) { console.log(c.id, c.kind, c.title, c.participantIds.join(" "));
    for (const m of c.messages) console.log(" ", m.id, m.senderId, m.sentAt.raw, m.sentAt.utc ?? m.sentAt.wall, m.sentAt.offset ?? "", m.sentAt.precision, m.kind, m.status, JSON.stringify(m.text), m.replyTo ?? "", m.attachments.map(x=>x.kind+":"+x.availability).join(","), m.raw ? "RAW" : "");
  }
  console.log(a.participants.map(p => `${p.id}=${p.displayName}${p.isSelf?"(self)":""}${p.isSystem?"(sys)":""}`).join(" | "));
  for (const d of a.diagnostics) console.log("  D", d.code, d.message.slice(0, 110), JSON.stringify(d.place ?? ""));
});
