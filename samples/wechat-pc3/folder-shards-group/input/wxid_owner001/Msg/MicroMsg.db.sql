-- WeChat PC 3.x MicroMsg.db (synthetic): contacts and one chat room.
CREATE TABLE Contact (UserName TEXT PRIMARY KEY, Alias TEXT, EncryptUserName TEXT, DelFlag INTEGER DEFAULT 0,
 Type INTEGER DEFAULT 0, VerifyFlag INTEGER DEFAULT 0, Reserved1 INTEGER DEFAULT 0, Reserved2 INTEGER DEFAULT 0,
 Reserved3 TEXT, Reserved4 TEXT, Remark TEXT, NickName TEXT, LabelIDList TEXT, DomainList TEXT, ChatRoomType INT,
 PYInitial TEXT, QuanPin TEXT, RemarkPYInitial TEXT, RemarkQuanPin TEXT, BigHeadImgUrl TEXT, SmallHeadImgUrl TEXT,
 HeadImgMd5 TEXT, ChatRoomNotify INT DEFAULT 0, Reserved5 INTEGER DEFAULT 0, Reserved6 TEXT, Reserved7 TEXT,
 ExtraBuf BLOB, Reserved8 INTEGER DEFAULT 0, Reserved9 INTEGER DEFAULT 0, Reserved10 TEXT, Reserved11 TEXT);
CREATE TABLE ChatRoom (ChatRoomName TEXT PRIMARY KEY, UserNameList TEXT, DisplayNameList TEXT, ChatRoomFlag INT DEFAULT 0,
 Owner INTEGER DEFAULT 0, IsShowName INTEGER DEFAULT 0, SelfDisplayName TEXT, Reserved1 INTEGER DEFAULT 0,
 Reserved2 TEXT, Reserved3 INTEGER DEFAULT 0, Reserved4 TEXT, Reserved5 INTEGER DEFAULT 0, Reserved6 TEXT,
 RoomData BLOB, Reserved7 INTEGER DEFAULT 0, Reserved8 TEXT);

INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('wxid_owner001', 'owner_w', '', '我自己', 1);
INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('wxid_friend01', 'alice_w', 'Alice', 'Alice Wang', 1);
INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('wxid_bob002', '', '', 'Bob Li', 1);
INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('20481234567@chatroom', '', '', '周末爬山群', 1);
-- RoomData: members wxid_owner001, wxid_friend01, wxid_bob002 (群昵称 Bobby), wxid_carol03 (群昵称 Carol; not a contact)
INSERT INTO ChatRoom (ChatRoomName, UserNameList, DisplayNameList, Owner, RoomData, Reserved2) VALUES ('20481234567@chatroom', 'wxid_owner001^Gwxid_friend01^Gwxid_bob002^Gwxid_carol03', '^G^GBobby^GCarol', 0, X'0a110a0d777869645f6f776e657230303118000a110a0d777869645f667269656e64303118000a160a0b777869645f626f623030321205426f62627918000a170a0c777869645f6361726f6c303312054361726f6c180028f403', 'wxid_owner001');
