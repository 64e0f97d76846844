-- A decrypted SQLite database that is not a WeChat PC 3.x message database (no MSG table).
CREATE TABLE Session (strUsrName TEXT PRIMARY KEY, nOrder INT);
CREATE TABLE ContactHeadImgUrl (usrName TEXT PRIMARY KEY, bigHeadImgUrl TEXT);
INSERT INTO Session VALUES ('wxid_friend01', 1);
