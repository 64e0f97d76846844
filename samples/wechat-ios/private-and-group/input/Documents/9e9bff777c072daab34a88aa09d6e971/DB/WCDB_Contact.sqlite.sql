-- WeChat iOS WCDB_Contact.sqlite, Friend table (formats-cn.md §8). dbContactRemark is protobuf:
-- field 1 (0x0A) nickname, field 2 (0x12) alias, field 3 (0x1A) remark.
CREATE TABLE Friend (userName TEXT PRIMARY KEY, type INTEGER, certificationFlag INTEGER, imgStatus INTEGER, encodeUserName TEXT,
  dbContactLocal BLOB, dbContactOther BLOB, dbContactRemark BLOB, dbContactHeadImage BLOB, dbContactProfile BLOB,
  dbContactSocial BLOB, dbContactChatRoom BLOB, dbContactBrand BLOB);
INSERT INTO Friend (userName, type, dbContactRemark) VALUES ('wxid_owner9', 3, X'0A024D6512076F776E65725F771A00'); -- Me / owner_w / 
INSERT INTO Friend (userName, type, dbContactRemark) VALUES ('wxid_carol3', 3, X'0A054361726F6C12076361726F6C5F631A09E58DA1E7BD97E5B094'); -- Carol / carol_c / 卡罗尔
INSERT INTO Friend (userName, type, dbContactRemark) VALUES ('wxid_alice01', 3, X'0A05416C69636512001A00'); -- Alice /  / 
INSERT INTO Friend (userName, type, dbContactRemark) VALUES ('wxid_bob02', 3, X'0A03426F6212001A06E9B28DE58B83'); -- Bob /  / 鲍勃
INSERT INTO Friend (userName, type, dbContactRemark) VALUES ('123456789@chatroom', 3, X'0A0FE591A8E69CABE799BBE5B1B1E7BEA412001A00'); -- 周末登山群 /  / 
