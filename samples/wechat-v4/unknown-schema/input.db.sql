-- A decrypted SQLite database that is not a WeChat 4.x message database (no Msg_<md5> tables, no Name2Id).
CREATE TABLE SessionTable (username TEXT PRIMARY KEY, summary TEXT, last_timestamp INTEGER);
CREATE TABLE VoiceInfo (chat_name_id INTEGER, local_id INTEGER, voice_data BLOB);
INSERT INTO SessionTable VALUES ('wxid_friend01', '在吗？', 1705285200);
