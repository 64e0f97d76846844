-- WeChat Android EnMicroMsg.db (decrypted), reduced to the columns chatport reads (formats-cn.md §7).
CREATE TABLE message (msgId INTEGER PRIMARY KEY, msgSvrId INTEGER, type INT, status INT, isSend INT,
  isShowTimer INTEGER, createTime INTEGER, talker TEXT, content TEXT, imgPath TEXT, reserved TEXT,
  lvbuffer BLOB, transContent TEXT, transBrandWording TEXT, talkerId INTEGER, bizClientMsgId TEXT,
  bizChatId INTEGER DEFAULT -1, bizChatUserId TEXT, msgSeq INTEGER, flag INT, solitaireFoldInfo BLOB, historyId TEXT);
CREATE TABLE rcontact (username TEXT PRIMARY KEY, alias TEXT, conRemark TEXT, domainList TEXT, nickname TEXT,
  pyInitial TEXT, quanPin TEXT, showHead INTEGER, type INT, uiType LONG, weiboFlag INT, weiboNickname TEXT,
  conRemarkPYFull TEXT, conRemarkPYShort TEXT, lvbuff BLOB, verifyFlag INT, encryptUsername TEXT,
  chatroomFlag INT, deleteFlag INT, contactLabelIds TEXT, descWordingId TEXT, openImAppid TEXT,
  sourceExtInfo TEXT, ticket TEXT, usernameFlag INT, contactExtra BLOB, createTime LONG);
CREATE TABLE chatroom (chatroomname TEXT PRIMARY KEY, addtime INTEGER, memberlist TEXT, displayname TEXT,
  chatroomnick TEXT, roomflag INTEGER, roomowner TEXT, roomdata BLOB, isShowname INTEGER, selfDisplayName TEXT,
  memberCount INTEGER);
CREATE TABLE userinfo (id INTEGER PRIMARY KEY, type INT, value TEXT);

INSERT INTO userinfo VALUES (2, 3, 'wxid_owner9'), (4, 3, 'Me');
INSERT INTO rcontact (username, alias, conRemark, nickname, type) VALUES
  ('wxid_owner9', 'owner_w', '', 'Me', 1),
  ('wxid_carol3', 'carol_c', '卡罗尔', 'Carol', 3),
  ('wxid_alice01', '', '', 'Alice', 3),
  ('wxid_bob02', '', '鲍勃', 'Bob', 3),
  ('123456789@chatroom', '', '', '周末登山群', 2);
INSERT INTO chatroom (chatroomname, memberlist, displayname, roomowner, memberCount) VALUES
  ('123456789@chatroom', 'wxid_owner9;wxid_alice01;wxid_bob02', 'Me、Alice、Bob', 'wxid_alice01', 3);

-- Private chat with wxid_carol3: createTime in MILLISECONDS; msgSvrId above 2^53.
INSERT INTO message (msgId, msgSvrId, type, status, isSend, createTime, talker, content, imgPath) VALUES
  (1, 9007199254740993, 1, 4, 0, 1709251205123, 'wxid_carol3', '早上好', NULL),
  (2, 9007199254740995, 1, 2, 1, 1709251270456, 'wxid_carol3', '早，今天去爬山吗？', NULL),
  (3, 8100000000000000003, 3, 4, 0, 1709251320000, 'wxid_carol3',
     '<msg><img md5="abcdef0123456789abcdef0123456789" length="24" /></msg>', 'THUMBNAIL_DIRPATH://th_abcdef0123456789abcdef0123456789'),
  (4, 8100000000000000004, 3, 4, 0, 1709251330000, 'wxid_carol3',
     '<msg><img md5="00000000000000000000000000000000" length="99" /></msg>', 'THUMBNAIL_DIRPATH://th_0000000000000000aaaaaaaaaaaaaaaa'),
  (5, 8100000000000000005, 822083633, 2, 1, 1709251400000, 'wxid_carol3',
     '<msg><appmsg appid="" sdkver="0"><title>去！八点出发</title><type>57</type><refermsg><type>1</type><svrid>9007199254740995</svrid><fromusr>wxid_owner9</fromusr><chatusr>wxid_owner9</chatusr><displayname>Me</displayname><content>早，今天去爬山吗？</content><createtime>1709251270</createtime></refermsg></appmsg></msg>', NULL),
  (6, -1, 10000, 4, 1, 1709251460000, 'wxid_carol3', '你撤回了一条消息', NULL),
  (7, 8100000000000000007, 999, 4, 0, 1709251500000, 'wxid_carol3', '<msg><futurething a="1"/></msg>', NULL);

-- Group chat: received content starts with "senderWxid:\n"; own and system (10000) rows have no prefix.
INSERT INTO message (msgId, msgSvrId, type, status, isSend, createTime, talker, content, imgPath) VALUES
  (10, 7300000000000000010, 1, 4, 0, 1709337600000, '123456789@chatroom', 'wxid_alice01:
周六早上八点集合', NULL),
  (11, 7300000000000000011, 1, 4, 0, 1709337660000, '123456789@chatroom', 'wxid_bob02:
这条我要撤回', NULL),
  (12, 7300000000000000012, 10002, 4, 0, 1709337670000, '123456789@chatroom', 'wxid_bob02:
<sysmsg type="revokemsg"><revokemsg><session>123456789@chatroom</session><msgid>11</msgid><newmsgid>7300000000000000011</newmsgid><replacemsg><![CDATA["鲍勃" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>', NULL),
  (13, 7300000000000000013, 1, 2, 1, 1709337720000, '123456789@chatroom', '收到，我带水', NULL),
  (14, 7300000000000000014, 10000, 4, 0, 1709337780000, '123456789@chatroom', '"Alice"邀请"Bob"加入了群聊', NULL),
  (15, 7300000000000000015, 1090519089, 4, 0, 1709337840000, '123456789@chatroom', 'wxid_alice01:
<msg><appmsg appid="" sdkver="0"><title>路线.pdf</title><type>6</type><appattach><totallen>2048</totallen><fileext>pdf</fileext></appattach><md5>1234</md5></appmsg></msg>', NULL);
