-- WeChat PC 3.x message shard 0 (synthetic): voice messages (Type 34) whose audio is in MediaMSG0.db, in
-- no voice database, and one by the owner with a negative MsgSvrID.
CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, TalkerId INT DEFAULT 0, MsgSvrID INT,
 Type INT, SubType INT, IsSender INT, CreateTime INT, Sequence INT DEFAULT 0, StatusEx INT DEFAULT 0,
 FlagEx INT, Status INT, MsgServerSeq INT, MsgSequence INT, StrTalker TEXT, StrContent TEXT,
 DisplayContent TEXT, Reserved0 INT DEFAULT 0, Reserved1 INT DEFAULT 0, Reserved2 INT DEFAULT 0,
 Reserved3 INT DEFAULT 0, Reserved4 TEXT, Reserved5 TEXT, Reserved6 TEXT, CompressContent BLOB,
 BytesExtra BLOB, BytesTrans BLOB);
CREATE TABLE Name2ID (UsrName TEXT PRIMARY KEY);

INSERT INTO Name2ID (UsrName) VALUES ('wxid_friend02');
-- localId 1: voice from the friend; its audio is in MediaMSG0.db
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (1, 1, 7330772355966178001, 34, 0, 0, 1705285200, 1705285200001, 2, 'wxid_friend02', '<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="2340" length="24" bufid="0" fromusername="wxid_friend02" /></msg>', '', NULL, NULL);
-- localId 2: voice from the owner (negative MsgSvrID); its audio is in MediaMSG0.db under the same value
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (2, 1, -1234567890123456001, 34, 0, 1, 1705285260, 1705285260002, 2, 'wxid_friend02', '<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="1200" length="20" bufid="0" fromusername="wxid_owner002" /></msg>', '', NULL, NULL);
-- localId 3: voice whose audio is in no voice database given
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (3, 1, 7330772355966178003, 34, 0, 0, 1705285320, 1705285320003, 2, 'wxid_friend02', '<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="900" length="18" bufid="0" fromusername="wxid_friend02" /></msg>', '', NULL, NULL);
-- localId 4: a text between them
INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra) VALUES (4, 1, 7330772355966178004, 1, 0, 1, 1705285380, 1705285380004, 2, 'wxid_friend02', '收到语音了', '', NULL, NULL);
