-- WeChat 4.x message_0.db (synthetic): a private chat with voice messages (local_type 34) whose audio
-- is in media_0.db (one clip stored in two pieces), and one whose audio is in no voice database.
CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY, is_session INTEGER);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (1, 'wxid_owner003', 0);
INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (2, 'wxid_friend03', 1);
-- Msg_ table of wxid_friend03 (md5 2a41b9eb846c01a7c7b125622c67c22c)
CREATE TABLE "Msg_2a41b9eb846c01a7c7b125622c67c22c" ("local_id" INTEGER, "server_id" INTEGER, "local_type" INTEGER, "sort_seq" INTEGER,
 "real_sender_id" INTEGER, "create_time" INTEGER, "status" INTEGER, "upload_status" INTEGER,
 "download_status" INTEGER, "server_seq" INTEGER, "origin_source" INTEGER, "source" TEXT,
 "message_content" TEXT, "compress_content" TEXT, "packed_info_data" BLOB,
 "WCDB_CT_message_content" INTEGER DEFAULT NULL, "WCDB_CT_source" INTEGER DEFAULT NULL,
 PRIMARY KEY("local_id" AUTOINCREMENT));
-- voice from the friend; audio in media_0.db in one piece
INSERT INTO "Msg_2a41b9eb846c01a7c7b125622c67c22c" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (1, 8200000000000000001, 34, 1705285200001, 2, 1705285200, 4, '<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="2340" length="22" bufid="0" fromusername="wxid_friend03" /></msg>', 0);
-- voice from the owner; audio in media_0.db in two pieces (data_index 0 and 1)
INSERT INTO "Msg_2a41b9eb846c01a7c7b125622c67c22c" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (2, 8200000000000000002, 34, 1705285260002, 1, 1705285260, 2, '<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="1200" length="16" bufid="0" fromusername="wxid_owner003" /></msg>', 0);
-- voice whose audio is in no voice database given
INSERT INTO "Msg_2a41b9eb846c01a7c7b125622c67c22c" (local_id, server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (3, 8200000000000000003, 34, 1705285320003, 2, 1705285320, 4, '<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="900" length="18" bufid="0" fromusername="wxid_friend03" /></msg>', 0);
