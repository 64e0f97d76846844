-- WeChat 4.x message_0.db (synthetic). Name2Id rowids are per file: compare message_1.db.
CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY, is_session INTEGER);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (1, 'wxid_owner001', 0);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (2, 'wxid_friend01', 1);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (3, '20481234567@chatroom', 1);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (4, 'wxid_bob002', 0);
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
-- private text from Alice
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (1, 8100000000000000001, 1, 1705285200001, 2, 1705285200, 4, '在吗？', 0);
-- private text from the owner
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (2, 8100000000000000002, 1, 1705285260002, 1, 1705285260, 2, '在', 0);
-- image (media not located: hardlink.db is not read)
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (3, 8100000000000000003, 3, 1705285320003, 2, 1705285320, 4, '<msg><img length="61074" md5="62054e1013a4ce53c4d2f4c4a7195fd8" /></msg>', 0);
-- group text with the wxid:\n sender prefix
INSERT INTO "Msg_b492a79a3a762ecfb6a820c8dcd0b20f" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (1, 8100000000000000101, 1, 1705290000001, 4, 1705290000, 4, 'wxid_bob002:
大家好', 0);
-- group text by the owner (no prefix)
INSERT INTO "Msg_b492a79a3a762ecfb6a820c8dcd0b20f" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (2, 8100000000000000102, 1, 1705290060002, 1, 1705290060, 2, '周六几点出发？', 0);
-- quote (57<<32|49 = 244813135921), zstd-compressed with its sender prefix inside
INSERT INTO "Msg_b492a79a3a762ecfb6a820c8dcd0b20f" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (3, 8100000000000000103, 244813135921, 1705290120003, 2, 1705290120, 4, X'28b52ffd0468fd0800b20f382c606f1bd08ee792249135dd5bf401d3fcc7510b59816bad099813a2680a86011065d740028d564d2975340c7396b1c1397f3e25506ad036cad5cc31f7b0fe7ebe6815f370ba0ad347986eb27492a75b1e621e8adfcf3fa17a09f3f2645a16835e48f11ee3cef7e7574a350e25e2cf07455173aff12538c2361068b530a09ad51b028a7af1f3355a692dd89b7564578d1758ff7c6eb378a4f0f976e3fbf3339d7e01c1481fd867d335ab58aae20aa558163f78e66f25959de3ee4ccaeee66c1cbdb78c0d3ec022240d54d98562de1a47b20738413ce050e90d71d60bc5cd13491808a00a295848072c41d69a4b3704eb3c5db52334cf6d4a0008ebd4f1d76021d8e43da83a9f5ae3723bb919c28953583c2937038ac754a7e23abe65be733227', 4);
