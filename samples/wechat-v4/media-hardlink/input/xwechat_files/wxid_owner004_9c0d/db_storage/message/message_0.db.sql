-- WeChat 4.x message_0.db (synthetic): a private chat with media located through hardlink.db — an image
-- listed twice (standard and _h.dat high-definition copy), a video, a file listed but not on disk, and an
-- image whose md5 hardlink.db does not list.
CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY, is_session INTEGER);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (1, 'wxid_owner004', 0);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (2, 'wxid_friend01', 1);
-- Msg_ table of wxid_friend01 (md5 84c495fc4279ef9e04dc45b1c31b6fab)
CREATE TABLE "Msg_84c495fc4279ef9e04dc45b1c31b6fab" ("local_id" INTEGER, "server_id" INTEGER, "local_type" INTEGER, "sort_seq" INTEGER,
 "real_sender_id" INTEGER, "create_time" INTEGER, "status" INTEGER, "upload_status" INTEGER,
 "download_status" INTEGER, "server_seq" INTEGER, "origin_source" INTEGER, "source" TEXT,
 "message_content" TEXT, "compress_content" TEXT, "packed_info_data" BLOB,
 "WCDB_CT_message_content" INTEGER DEFAULT NULL, "WCDB_CT_source" INTEGER DEFAULT NULL,
 PRIMARY KEY("local_id" AUTOINCREMENT));
-- voice from the friend; audio in media_0.db in one piece
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (1, 8300000000000000001, 3, 1705285200001, 2, 1705285200, 4, '<msg><img length="12" md5="AAAA0000AAAA0000AAAA0000AAAA0000" hdlength="16" /></msg>', 0);
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (2, 8300000000000000002, 43, 1705285260002, 1, 1705285260, 2, '<msg><videomsg length="9" playlength="3" md5="bbbb1111bbbb1111bbbb1111bbbb1111" /></msg>', 0);
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (3, 8300000000000000003, 25769803825, 1705285320003, 2, 1705285320, 4, '<msg><appmsg appid="" sdkver="0"><title>合同.pdf</title><type>6</type><appattach><totallen>2048</totallen><fileext>pdf</fileext></appattach><md5>cccc2222cccc2222cccc2222cccc2222</md5></appmsg></msg>', 0);
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (4, 8300000000000000004, 3, 1705285380004, 2, 1705285380, 4, '<msg><img length="12" md5="dddd3333dddd3333dddd3333dddd3333" /></msg>', 0);
-- an image whose hardlink.db row names a file outside the account folder (hostile): looked up inside it only
INSERT INTO "Msg_84c495fc4279ef9e04dc45b1c31b6fab" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (5, 8300000000000000005, 3, 1705285440005, 2, 1705285440, 4, '<msg><img length="12" md5="eeee4444eeee4444eeee4444eeee4444" /></msg>', 0);
