-- WeChat PC 3.x voice database (synthetic; schema per formats-cn.md §5.1): Reserved0 = the message's
-- MsgSvrID, Buf = SILK v3 audio as WeChat stores it (a 0x02 byte, then "#!SILK_V3").
CREATE TABLE Media (Key TEXT, Reserved0 INT, Buf BLOB, Reserved1 INT, Reserved2 TEXT);
INSERT INTO Media (Key, Reserved0, Buf, Reserved1, Reserved2) VALUES ('a1', 7330772355966178001, X'02232153494C4B5F56330A0B0C0D0E0F101112131415', 0, '');
INSERT INTO Media (Key, Reserved0, Buf, Reserved1, Reserved2) VALUES ('a2', -1234567890123456001, X'02232153494C4B5F5633202122232425262728', 0, '');
-- a clip no message names, and a row without audio
INSERT INTO Media (Key, Reserved0, Buf, Reserved1, Reserved2) VALUES ('a9', 7330772355966178999, X'02232153494C4B5F5633FF', 0, '');
INSERT INTO Media (Key, Reserved0, Buf, Reserved1, Reserved2) VALUES ('a3', 7330772355966178003, NULL, 0, '');
