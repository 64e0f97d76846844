-- WeChat iOS MM.sqlite: one Chat_<md5(username)> table per conversation (formats-cn.md §8).
-- CreateTime in SECONDS; Des 0 = sent by the owner, 1 = received; group rows received start with 'wxid:\n'.
-- "Chat_df18c3a56973e739d9e389411a4282a5" = md5('wxid_carol3'), "Chat_9234c5fa4065f721b47403f393822c44" = md5('123456789@chatroom'), Chat_ffff… = no contact.
CREATE TABLE "Chat_df18c3a56973e739d9e389411a4282a5" (TableVer INTEGER DEFAULT 1, MesLocalID INTEGER PRIMARY KEY AUTOINCREMENT, MesSvrID INTEGER DEFAULT 0, CreateTime INTEGER DEFAULT 0, Message TEXT, Status INTEGER DEFAULT 0, ImgStatus INTEGER DEFAULT 0, Type INTEGER, Des INTEGER);
CREATE TABLE "Chat_9234c5fa4065f721b47403f393822c44" (TableVer INTEGER DEFAULT 1, MesLocalID INTEGER PRIMARY KEY AUTOINCREMENT, MesSvrID INTEGER DEFAULT 0, CreateTime INTEGER DEFAULT 0, Message TEXT, Status INTEGER DEFAULT 0, ImgStatus INTEGER DEFAULT 0, Type INTEGER, Des INTEGER);
CREATE TABLE "Chat_ffffffffffffffffffffffffffffffff" (TableVer INTEGER DEFAULT 1, MesLocalID INTEGER PRIMARY KEY AUTOINCREMENT, MesSvrID INTEGER DEFAULT 0, CreateTime INTEGER DEFAULT 0, Message TEXT, Status INTEGER DEFAULT 0, ImgStatus INTEGER DEFAULT 0, Type INTEGER, Des INTEGER);
CREATE TABLE Hello (Id INTEGER);
INSERT INTO "Chat_df18c3a56973e739d9e389411a4282a5" (MesLocalID, MesSvrID, CreateTime, Message, Status, Type, Des) VALUES
  (1, 9007199254740993, 1709251205, '早上好', 4, 1, 1),
  (2, 9007199254740995, 1709251270, '早，今天去爬山吗？', 2, 1, 0),
  (3, 8100000000000000003, 1709251320, '<msg><img md5="abcdef0123456789abcdef0123456789" length="18" /></msg>', 4, 3, 1),
  (4, 8100000000000000004, 1709251330, '<msg><img md5="00000000000000000000000000000000" length="99" /></msg>', 4, 3, 1),
  (5, 8100000000000000005, 1709251400, '<msg><appmsg appid="" sdkver="0"><title>去！八点出发</title><type>57</type><refermsg><type>1</type><svrid>9007199254740995</svrid><fromusr>wxid_owner9</fromusr><displayname>Me</displayname><content>早，今天去爬山吗？</content></refermsg></appmsg></msg>', 2, 49, 0),
  (6, 0, 1709251460, '你撤回了一条消息', 4, 10000, 0),
  (7, 8100000000000000007, 1709251500, '<msg><futurething a="1"/></msg>', 4, 999, 1);
INSERT INTO "Chat_9234c5fa4065f721b47403f393822c44" (MesLocalID, MesSvrID, CreateTime, Message, Status, Type, Des) VALUES
  (1, 7300000000000000010, 1709337600, 'wxid_alice01:
周六早上八点集合', 4, 1, 1),
  (2, 7300000000000000011, 1709337660, 'wxid_bob02:
这条我要撤回', 4, 1, 1),
  (3, 7300000000000000012, 1709337670, '<sysmsg type="revokemsg"><revokemsg><session>123456789@chatroom</session><msgid>2</msgid><newmsgid>7300000000000000011</newmsgid><replacemsg><![CDATA["鲍勃" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>', 4, 10002, 1),
  (4, 7300000000000000013, 1709337720, '收到，我带水', 2, 1, 0);
INSERT INTO "Chat_ffffffffffffffffffffffffffffffff" (MesLocalID, MesSvrID, CreateTime, Message, Status, Type, Des) VALUES
  (1, 6100000000000000001, 1709424000, '来自一个不在通讯录里的人', 4, 1, 1);
