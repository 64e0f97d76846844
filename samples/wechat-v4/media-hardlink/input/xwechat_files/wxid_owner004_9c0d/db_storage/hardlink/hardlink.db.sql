-- WeChat 4.x hardlink.db (synthetic; 4.0 table names, columns as the real schema): dir1/dir2 are rowids of
-- dir2id naming the folders. Files: msg/attach/<dir1>/<dir2>/Img/<name>, msg/video/<dir1>/<name>,
-- msg/file/<dir1>/<name> under the account folder.
CREATE TABLE dir2id (username TEXT PRIMARY KEY);
INSERT INTO dir2id (rowid, username) VALUES (1, '84c495fc4279ef9e04dc45b1c31b6fab');
INSERT INTO dir2id (rowid, username) VALUES (2, '2024-01');
CREATE TABLE image_hardlink_info_v3 (md5_hash INTEGER, md5 TEXT, type INTEGER, file_name TEXT, file_size INTEGER, modify_time INTEGER, dir1 INTEGER, dir2 INTEGER, _rowid_ INTEGER PRIMARY KEY ASC, extra_buffer BLOB);
INSERT INTO image_hardlink_info_v3 (md5_hash, md5, type, file_name, file_size, modify_time, dir1, dir2) VALUES (1, 'aaaa0000aaaa0000aaaa0000aaaa0000', 1, 'f0e1d2c3b4a59687.dat', 12, 1705285200, 1, 2);
INSERT INTO image_hardlink_info_v3 (md5_hash, md5, type, file_name, file_size, modify_time, dir1, dir2) VALUES (1, 'aaaa0000aaaa0000aaaa0000aaaa0000', 1, 'f0e1d2c3b4a59687_h.dat', 16, 1705285200, 1, 2);
CREATE TABLE video_hardlink_info_v3 (md5_hash INTEGER, md5 TEXT, type INTEGER, file_name TEXT, file_size INTEGER, modify_time INTEGER, dir1 INTEGER, dir2 INTEGER, _rowid_ INTEGER PRIMARY KEY ASC, extra_buffer BLOB);
INSERT INTO video_hardlink_info_v3 (md5_hash, md5, type, file_name, file_size, modify_time, dir1, dir2) VALUES (2, 'bbbb1111bbbb1111bbbb1111bbbb1111', 2, 'a1b2c3d4e5f60718.mp4', 9, 1705285260, 2, 0);
CREATE TABLE file_hardlink_info_v3 (md5_hash INTEGER, md5 TEXT, type INTEGER, file_name TEXT, file_size INTEGER, modify_time INTEGER, dir1 INTEGER, dir2 INTEGER, _rowid_ INTEGER PRIMARY KEY ASC, extra_buffer BLOB);
INSERT INTO file_hardlink_info_v3 (md5_hash, md5, type, file_name, file_size, modify_time, dir1, dir2) VALUES (3, 'cccc2222cccc2222cccc2222cccc2222', 3, '合同.pdf', 2048, 1705285320, 2, 0);
-- a hostile row: the file name climbs out of the folder
INSERT INTO image_hardlink_info_v3 (md5_hash, md5, type, file_name, file_size, modify_time, dir1, dir2) VALUES (4, 'eeee4444eeee4444eeee4444eeee4444', 1, '../../../../../../../../message/message_0.db', 12, 1705285440, 1, 2);
