/**
 * CSVs that share several WeChat column names but hold no messages (a contact table dump: UserName,
 * NickName, Remark, Type …) were claimed weakly by wechatmsg-csv / pywxdump-csv detection and refused
 * with exit 5 ("this … CSV header has no … column"), as if a message export had lost a column. A header
 * with none of the message columns (text or time) is not a message export: exit 4, saying what it looks
 * like. A real message CSV missing one required column is still exit 5 naming it.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { memorySource } from "../../src/io/source.js";
import { buildProbe } from "../../src/pipeline/probe.js";
import { runCapture } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "wechat-not-messages-"));
async function convert(name: string, text: string, from?: string) {
  const input = join(dir, name);
  writeFileSync(input, text);
  const r = await runCapture(["convert", input, "--to", "json", "-o", join(dir, `${name}.json`), ...(from ? ["--from", from] : [])]);
  expect(r.err).not.toMatch(/\n\s+at /);
  return r;
}

/** A contact list that names WeChatMsg's columns (localId, TalkerId, Remark, NickName, Sender). */
const WM_CONTACTS = "localId,UserName,Alias,Type,Remark,NickName,TalkerId,Sender\n1,wxid_alice01,al,3,阿丽,Alice,5,wxid_alice01\n2,wxid_bob02,,3,,Bob,6,wxid_bob02\n";
/** A contact list that names PyWxDump's columns (talker, room_name, type_name). */
const PY_CONTACTS = "UserName,talker,room_name,type_name,NickName,Remark\nwxid_alice01,wxid_alice01,,好友,Alice,阿丽\n";
/** MicroMsg.db's Contact table as a SQL browser exports it. */
const CONTACT_TABLE =
  "UserName,Alias,EncryptUserName,DelFlag,Type,VerifyFlag,Reserved1,Reserved2,Reserved3,Reserved4,Remark,NickName,LabelIDList,DomainList,ChatRoomType,PYInitial,QuanPin,RemarkPYInitial,RemarkQuanPin,BigHeadImgUrl,SmallHeadImgUrl,HeadImgMd5\n" +
  "wxid_alice01,al,v3_x@stranger,0,3,0,0,0,0,0,阿丽,Alice,,,0,ALICE,Alice,AL,ali,https://a/b,https://a/s,abc\n";

describe("WeChat-named CSVs that are not message exports", () => {
  it.each([
    ["WeChatMsg names", "wm.csv", WM_CONTACTS, "wechatmsg-csv", '"StrContent", "CreateTime", "StrTime"'],
    ["PyWxDump names", "py.csv", PY_CONTACTS, "pywxdump-csv", '"msg", "content", "CreateTime"'],
  ])("a contact list with %s: exit 4 with or without --from, saying what it looks like", async (_what, name, text, from, columns) => {
    const probe = await buildProbe(memorySource(name, text));
    expect(builtinRegistry.detect(probe).map((c) => c.reader.id)).not.toContain(from);

    const auto = await convert(name, text);
    expect(auto.code).toBe(4);
    expect(auto.err).toContain(`${name} looks like a WeChat contact table (user names and nicknames, no message text or time column), which chatport does not read.`);

    const forced = await convert(name, text, from);
    expect(forced.code).toBe(4);
    expect(forced.err).toContain(`${name} line 1: not a WeChat message export: its header has none of the message columns (${columns}) and it looks like a contact table (columns `);
    expect(forced.err).toMatch(/pass --from with the right format if it is another export\.\n?$/);
  });

  it("MicroMsg.db's Contact table dumped to CSV: exit 4, a contact table", async () => {
    const r = await convert("Contact.csv", CONTACT_TABLE);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/Contact\.csv looks like a WeChat contact table/);
    const forced = await convert("Contact.csv", CONTACT_TABLE, "wechatmsg-csv");
    expect(forced.code).toBe(4);
  });

  it("another WeChatMsg-named table without text or time: exit 4, named as other WeChat data", async () => {
    const r = await convert("t.csv", "localId,TalkerId,SubType,Remark,NickName,Sender\n1,5,0,,Alice,wxid_alice01\n", "wechatmsg-csv");
    expect(r.code).toBe(4);
    expect(r.err).toContain("it looks like a table of other WeChat data (columns localId,TalkerId,SubType,Remark,NickName,Sender)");
  });

  it("a real message CSV missing one required column is still exit 5 naming it", async () => {
    const wm = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrTime,Remark,NickName,Sender\n1,5,1,0,0,1709251205,2,2024-03-01 08:00:05,,Alice,wxid_alice01\n";
    const r = await convert("wm-missing.csv", wm);
    expect(r.code).toBe(5);
    expect(r.err).toContain('wm-missing.csv line 1: this WeChatMsg CSV header has no "StrContent" column');
    const py = "id,MsgSvrID,type_name,is_sender,talker,room_name,src,CreateTime\n1,9001,文本,0,wxid_a,wxid_a,,2024-03-01 08:00:05\n";
    const p = await convert("py-missing.csv", py);
    expect(p.code).toBe(5);
    expect(p.err).toContain('py-missing.csv line 1: this PyWxDump CSV header has no "msg" or "content" column');
  });
});
