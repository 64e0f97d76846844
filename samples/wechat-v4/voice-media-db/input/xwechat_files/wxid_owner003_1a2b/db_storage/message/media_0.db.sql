-- WeChat 4.x media_0.db (synthetic; formats-cn.md §6): VoiceInfo, svr_id = the message's server_id,
-- voice_data = SILK v3 as WeChat stores it; data_index numbers the pieces of one clip.
CREATE TABLE VoiceInfo (chat_name_id INTEGER, create_time INTEGER, local_id INTEGER, svr_id INTEGER, voice_data BLOB, data_index TEXT DEFAULT '0');
INSERT INTO VoiceInfo VALUES (2, 1705285200, 1, 8200000000000000001, X'02232153494C4B5F56330A0B0C0D0E0F101112131415', '0');
-- the owner's clip, its second piece stored first
INSERT INTO VoiceInfo VALUES (2, 1705285260, 2, 8200000000000000002, X'3031323334353637', '1');
INSERT INTO VoiceInfo VALUES (2, 1705285260, 2, 8200000000000000002, X'02232153494C4B5F5633', '0');
