-- WeChat 4.x message_1.db (synthetic): the same two conversations continue here, Name2Id in another order.
CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY, is_session INTEGER);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (1, 'wxid_carol03', 0);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (2, '20481234567@chatroom', 1);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (3, 'wxid_friend01', 1);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (4, 'wxid_owner001', 0);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (5, 'wxid_bob002', 0);
-- Msg_ table of wxid_friend01 (md5 84c495fc4279ef9e04dc45b1c31b6fab)
CREATE TABLE "Msg_84c495fc4279ef9e04dc45b1c31b6fab" ("local_id" INTEGER, "server_id" INTEGER, "local_type" INTEGER, "sort_seq" INTEGER,
 "real_sender_id" INTEGER, "create_time" INTEGER, "status" INTEGER, "upload_status" INTEGER,
 "download_status" INTEGER, "server_seq" INTEGER, "origin_source" INTEGER, "source" TEXT,
 "message_content" TEXT, "compress_content" TEXT, "packed_info_data" BLOB,
 "WCDB_CT_message_content" INTEGER DEFAULT NULL, "WCDB_CT_source" INTEGER DEFAULT NULL,
 PRIMARY KEY("local_id" AUTOINCREMENT));
-- Msg_ table of 20481234567@chatroom (md5 b492a79a3a762ecfb6a820c8dcd0b20f)
CREATE TABLE "Msg_b492a79a3a762ecfb6a820c8dcd0b20f" ("local_id" INTEGER, "server_id" INTEGER, "local_type" INTEGER, "sort_seq" INTEGER,
 "real_sender_id" INTEGER, "create_time" INTEGER, "status" INTEGER, "upload_status" INTEGER,
 "download_status" INTEGER, "server_seq" INTEGER, "origin_source" INTEGER, "source" TEXT,
 "message_content" TEXT, "compress_content" TEXT, "packed_info_data" BLOB,
 "WCDB_CT_message_content" INTEGER DEFAULT NULL, "WCDB_CT_source" INTEGER DEFAULT NULL,
 PRIMARY KEY("local_id" AUTOINCREMENT));
-- sorts between message_0's local_id 2 and 3
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (1, 8100000000000000004, 1, 1705285290001, 3, 1705285290, 4, '刚才那张照片拍得真好', 0);
-- merged chat record (19<<32|49), zstd
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (2, 8100000000000000005, 81604378673, 1705291200002, 4, 1705291200, 2, X'28b52ffd04689d0700528b281e907de8eef22d1409da69a9e12fd920fe4b570e274b9dca840d3d8dff630c5d1b3d82778a22085e144c8130860124c66014037214c7f609eebdeaf397488223ef9792251e100ca1f91f095ec01fb7aefa15987d932339113405bc7bfe6f98085e5ee4045f8cee43f37382cf6d2dc3b5cbd600635a16f8f4d1639ce0ea5cc7f0fdb235badae979b3b4dd7df7b7cfbb50088de84b0e1b014168b00d08c38a776df47820202044c0242b1f8719b01e60dcb886110e002c72688fc032c0010d06c01009858da10c3f899082c38c4040245937001a140baf16e83d8d15deb045a68cb8c798a0696820834f0cbc0a7003f7082ba07493', 4);
-- recalled by local_id 4
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (3, 8100000000000000006, 1, 1705291260003, 3, 1705291260, 4, '这条会被撤回', 0);
-- recall notice naming newmsgid 8100000000000000006, zstd
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (4, 8100000000000000007, 10002, 1705291270004, 3, 1705291270, 4, X'28b52ffd0468b5040012881e1f80db013f03abed960a88c64dea67660ee9933ca6c430a44921deb9b6a2084a7afaebc1cf39bb6e9a558c49364ecf386cdfd17d511356cb181036445988c0200ba2244c003d96b637cf5e0c84e16dccb3133aa2a6bf3c3b3144d8a636c989a8cfd35846fdef77ed5a98feda55d6ed4d38b60672c0f4d783ef01090029630865e5e50c6307550c5c1f2d83b00c944e327c51f0d05c5860', 4);
-- a type no note knows
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (5, 8100000000000000008, 4242, 1705291300005, 3, 1705291300, 4, '<msg><futurething/></msg>', 0);
-- group text by Carol (only in chat_room ext_buffer)
INSERT INTO "Msg_b492a79a3a762ecfb6a820c8dcd0b20f" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (1, 8100000000000000104, 1, 1705290180001, 1, 1705290180, 4, 'wxid_carol03:
我带水', 0);
-- file (6<<32|49 = 25769803825)
INSERT INTO "Msg_b492a79a3a762ecfb6a820c8dcd0b20f" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (2, 8100000000000000105, 25769803825, 1705290300002, 5, 1705290300, 4, 'wxid_bob002:
<msg><appmsg appid="" sdkver="0"><title>路线.pdf</title><type>6</type><appattach><totallen>20480</totallen><fileext>pdf</fileext></appattach><md5>00112233445566778899aabbccddeeff</md5></appmsg></msg>', 0);
