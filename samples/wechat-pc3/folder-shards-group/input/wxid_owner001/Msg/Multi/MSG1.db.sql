-- WeChat PC 3.x message shard 1 (synthetic); its rows interleave in time with shard 0.
CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, TalkerId INT DEFAULT 0, MsgSvrID INT,
 Type INT, SubType INT, IsSender INT, CreateTime INT, Sequence INT DEFAULT 0, StatusEx INT DEFAULT 0,
 FlagEx INT, Status INT, MsgServerSeq INT, MsgSequence INT, StrTalker TEXT, StrContent TEXT,
 DisplayContent TEXT, Reserved0 INT DEFAULT 0, Reserved1 INT DEFAULT 0, Reserved2 INT DEFAULT 0,
 Reserved3 INT DEFAULT 0, Reserved4 TEXT, Reserved5 TEXT, Reserved6 TEXT, CompressContent BLOB,
 BytesExtra BLOB, BytesTrans BLOB);
CREATE TABLE Name2ID (UsrName TEXT PRIMARY KEY);

INSERT INTO Name2ID (UsrName) VALUES ('wxid_friend01');
INSERT INTO Name2ID (UsrName) VALUES ('20481234567@chatroom');
-- localId 1: private text in shard 1 that sorts between shard 0's localId 2 and 3
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (1, 1, 7330772355966176005, 1, 0, 0, 1705285290, 1705285290001, 2, 'wxid_friend01', '刚才那张照片拍得真好', '', NULL, X'0a0408101000');
-- localId 2: merged chat record (49/19) forwarded by the owner
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (2, 1, 7330772355966176006, 49, 19, 1, 1705291200, 1705291200002, 2, 'wxid_friend01', '<msg><appmsg appid="" sdkver="0"><title>群聊的聊天记录</title><des>Bobby: 大家好
Carol: [图片]</des><type>19</type><url>https://support.weixin.qq.com/cgi-bin/mmsupport-bin/readtemplate?t=page/favorite_record__w_unsupport</url><recorditem><![CDATA[<recordinfo><title>群聊的聊天记录</title><desc>Bobby: 大家好
Carol: [图片]</desc><datalist count="2"><dataitem datatype="1" dataid="a1b2"><datadesc>大家好</datadesc><sourcename>Bobby</sourcename><sourcetime>2024-01-15 11:40:00</sourcetime><srcMsgCreateTime>1705290000</srcMsgCreateTime></dataitem><dataitem datatype="2" dataid="c3d4"><datafmt>jpg</datafmt><sourcename>Carol</sourcename><sourcetime>2024-01-15 11:42</sourcetime></dataitem></datalist></recordinfo>]]></recorditem></appmsg></msg>', '', NULL, X'0a0408101000');
-- localId 3: text that is recalled by localId 4
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (3, 1, 7330772355966176010, 1, 0, 0, 1705291260, 1705291260003, 2, 'wxid_friend01', '这条会被撤回', '', NULL, X'0a0408101000');
-- localId 4: recall notice naming newmsgid 7330772355966176010
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (4, 1, 7330772355966176011, 10002, 0, 0, 1705291270, 1705291270004, 2, 'wxid_friend01', '<sysmsg type="revokemsg"><revokemsg><session>wxid_friend01</session><msgid>1154925614</msgid><newmsgid>7330772355966176010</newmsgid><replacemsg><![CDATA["Alice" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>', '', NULL, NULL);
-- localId 5: a type no note knows
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (5, 1, 7330772355966176012, 4242, 0, 0, 1705291300, 1705291300005, 2, 'wxid_friend01', '<msg><futurething kind="x">?</futurething></msg>', '', NULL, X'0a0408101000');
-- localId 6: group text by wxid_carol03, not a contact; her name comes from RoomData
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (6, 2, 7330772355966177004, 1, 0, 0, 1705290180, 1705290180006, 2, '20481234567@chatroom', '我带水', '', NULL, X'0a04081010001a100801120c777869645f6361726f6c3033');
-- localId 7: plain-text recall notice naming no message
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (7, 2, 7330772355966177005, 10000, 0, 0, 1705290200, 1705290200007, 2, '20481234567@chatroom', '"Bobby" 撤回了一条消息', '', NULL, NULL);
-- localId 8: link whose XML is malformed (appmsg never closed)
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (8, 2, 7330772355966177006, 49, 5, 0, 1705290300, 1705290300008, 2, '20481234567@chatroom', '<msg><appmsg appid=""><title>爬山路线</title><type>5</type><url>https://example.org/route?a=1&amp;b=2</url></msg>', '', NULL, X'0a04081010001a0f0801120b777869645f626f62303032');
