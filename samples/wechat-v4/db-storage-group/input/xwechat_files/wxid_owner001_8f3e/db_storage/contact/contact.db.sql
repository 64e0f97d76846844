-- WeChat 4.x contact/contact.db (synthetic).
CREATE TABLE contact (id INTEGER PRIMARY KEY, username TEXT, local_type INTEGER, alias TEXT, encrypt_username TEXT, flag INTEGER,
 delete_flag INTEGER, verify_flag INTEGER, remark TEXT, remark_quan_pin TEXT, remark_pin_yin_initial TEXT, nick_name TEXT,
 pin_yin_initial TEXT, quan_pin TEXT, big_head_url TEXT, small_head_url TEXT, head_img_md5 TEXT, chat_room_notify INTEGER,
 is_in_chat_room INTEGER, description TEXT, extra_buffer BLOB, chat_room_type INTEGER);
CREATE TABLE chat_room (id INTEGER PRIMARY KEY, username TEXT, owner TEXT, ext_buffer BLOB);
INSERT INTO contact (id, username, local_type, alias, remark, nick_name) VALUES (1, 'wxid_owner001', 1, 'owner_w', '', '我自己');
INSERT INTO contact (id, username, local_type, alias, remark, nick_name) VALUES (2, 'wxid_friend01', 1, 'alice_w', 'Alice', 'Alice Wang');
INSERT INTO contact (id, username, local_type, alias, remark, nick_name) VALUES (3, 'wxid_bob002', 3, '', '', 'Bob Li');
INSERT INTO contact (id, username, local_type, alias, remark, nick_name) VALUES (4, '20481234567@chatroom', 2, '', '', '周末爬山群');
-- ext_buffer (RoomData): wxid_owner001, wxid_friend01, wxid_bob002 (群昵称 Bobby), wxid_carol03 (群昵称 Carol)
INSERT INTO chat_room (id, username, owner, ext_buffer) VALUES (1, '20481234567@chatroom', 'wxid_owner001', X'0a110a0d777869645f6f776e657230303118000a110a0d777869645f667269656e64303118000a160a0b777869645f626f623030321205426f62627918000a170a0c777869645f6361726f6c303312054361726f6c180028f403');
