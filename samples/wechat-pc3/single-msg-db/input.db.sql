-- WeChat PC 3.x message shard 0 (synthetic). Talkers: wxid_friend01 (private), 20481234567@chatroom (group).
CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, TalkerId INT DEFAULT 0, MsgSvrID INT,
 Type INT, SubType INT, IsSender INT, CreateTime INT, Sequence INT DEFAULT 0, StatusEx INT DEFAULT 0,
 FlagEx INT, Status INT, MsgServerSeq INT, MsgSequence INT, StrTalker TEXT, StrContent TEXT,
 DisplayContent TEXT, Reserved0 INT DEFAULT 0, Reserved1 INT DEFAULT 0, Reserved2 INT DEFAULT 0,
 Reserved3 INT DEFAULT 0, Reserved4 TEXT, Reserved5 TEXT, Reserved6 TEXT, CompressContent BLOB,
 BytesExtra BLOB, BytesTrans BLOB);
CREATE TABLE Name2ID (UsrName TEXT PRIMARY KEY);

INSERT INTO Name2ID (UsrName) VALUES ('wxid_friend01');
INSERT INTO Name2ID (UsrName) VALUES ('20481234567@chatroom');
-- localId 1: private text from Alice
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (1, 1, 7330772355966176001, 1, 0, 0, 1705285200, 1705285200001, 2, 'wxid_friend01', '你好，明天见吗？', '', NULL, X'0a0408101000');
-- localId 2: private text from the owner
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (2, 1, 7330772355966176002, 1, 0, 1, 1705285260, 1705285260002, 2, 'wxid_friend01', '好的', '', NULL, X'0a0408101000');
-- localId 3: image whose .dat file exists in FileStorage
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (3, 1, 7330772355966176003, 3, 0, 0, 1705285320, 1705285320003, 2, 'wxid_friend01', '<?xml version="1.0"?>
<msg>
	<img aeskey="00112233445566778899aabbccddeeff" encryver="1" cdnthumblength="3225" cdnthumbheight="120" cdnthumbwidth="67" length="10" md5="62054e1013a4ce53c4d2f4c4a7195fd8" />
</msg>
', '', NULL, X'0a04081010001a6708031263777869645f6f776e65723030315c46696c6553746f726167655c4d73674174746163685c39653230663437383839396463323965623139373431333836663933343363385c5468756d625c323032342d30315c613162326333643465355f742e6461741a6508041261777869645f6f776e65723030315c46696c6553746f726167655c4d73674174746163685c39653230663437383839396463323965623139373431333836663933343363385c496d6167655c323032342d30315c613162326333643465352e646174');
-- localId 4: image whose file is not in the folder
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (4, 1, 7330772355966176004, 3, 0, 1, 1705285380, 1705285380004, 2, 'wxid_friend01', '<?xml version="1.0"?>
<msg>
	<img aeskey="00112233445566778899aabbccddeeff" encryver="1" cdnthumblength="3225" cdnthumbheight="120" cdnthumbwidth="67" length="61074" md5="0badc0ffee0badc0ffee0badc0ffee00" />
</msg>
', '', NULL, X'0a04081010001a630804125f777869645f6f776e65723030315c46696c6553746f726167655c4d73674174746163685c39653230663437383839396463323965623139373431333836663933343363385c496d6167655c323032342d30315c66666666303030302e646174');
-- localId 5: group text; sender wxid_bob002 in BytesExtra item type 1
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (5, 2, 7330772355966177001, 1, 0, 0, 1705290000, 1705290000005, 2, '20481234567@chatroom', '大家好', '', NULL, X'0a04081010001a0f0801120b777869645f626f62303032');
-- localId 6: group text by the owner; negative MsgSvrID = unsigned 17212176183586094827
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (6, 2, -1234567890123456789, 1, 0, 1, 1705290060, 1705290060006, 2, '20481234567@chatroom', '周六几点出发？', '', NULL, X'0a0408101000');
-- localId 7: quote (49/57) with StrContent empty and the XML LZ4-compressed in CompressContent; quotes svrid 17212176183586094827
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (7, 2, 7330772355966177003, 49, 57, 0, 1705290120, 1705290120007, 2, '20481234567@chatroom', '', '', X'f2463c3f786d6c2076657273696f6e3d22312e30223f3e0a3c6d73673e3c6170706d73672061707069643d22222073646b7665723d2230223e3c7469746c653ee4b99de782b9efbc8ce58d97e997a8e99b86e590883c2f1d00713c6465733e3c2f060091747970653e35373c2f0900613c7265666572640001100014311800f20d73767269643e31373231323137363138333538363039343832373c2f1c00f4103c66726f6d7573723e32303438313233343536374063686174726f6f6d3c2f1e00103c1300000900f400777869645f6f776e65723030313c2f1700f8093c646973706c61796e616d653ee68891e887aae5b7b13c2f1700f4113c636f6e74656e743ee591a8e585ade587a0e782b9e587bae58f91efbc9f3c2f1f00f7093c63726561746574696d653e313730353239303036303c2f1700263c2ff200122f570104ca002165726d0001a80060667269656e64a800091c00603c2f6d73673e', X'0a04081010001a110801120d777869645f667269656e643031');
