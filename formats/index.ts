/**
 * The built-in formats: one line per reader or writer (STYLE.md §1). Adding a format = a folder and a
 * line here; nothing in src/ changes.
 */
import type { ReaderPlugin, WriterPlugin } from "../src/plugin/types.js";
import { qqTxtReader } from "./qq-txt/index.js";
import { qqMhtReader } from "./qq-mht/index.js";
import { qqCopyReader } from "./qq-copy/index.js";
import { pywxdumpCsvReader } from "./pywxdump-csv/index.js";
import { wechatmsgCsvReader } from "./wechatmsg-csv/index.js";
import { wechatAndroidReader } from "./wechat-android/index.js";
import { wechatIosReader } from "./wechat-ios/index.js";
import { qceJsonReader } from "./qce-json/index.js";
import { qceJsonlReader } from "./qce-jsonl/index.js";
import { qceTxtReader } from "./qce-txt/index.js";
import { qqntDbReader } from "./qqnt-db/index.js";
import { signalMdReader } from "./signal-md/index.js";
import { telegramJsonReader } from "./telegram-json/index.js";
import { wechatPc3Reader } from "./wechat-pc3/index.js";
import { wechatV4Reader } from "./wechat-v4/index.js";
import { whatsappTxtReader, whatsappTxtWriter } from "./whatsapp-txt/index.js";
import { whatsappZipReader } from "./whatsapp-zip/index.js";
import { chatportJsonReader } from "./chatport-json/index.js";
import { jsonWriter } from "./json/index.js";
import { ndjsonWriter } from "./ndjson/index.js";
import { csvWriter } from "./csv/index.js";
import { htmlWriter } from "./html/index.js";
import { pdfWriter } from "./pdf/index.js";
import { rsmfWriter } from "./rsmf/index.js";

/** Every built-in reader. */
export const readers: ReaderPlugin[] = [
  qqTxtReader,
  qqMhtReader,
  pywxdumpCsvReader,
  wechatmsgCsvReader,
  wechatAndroidReader,
  wechatIosReader,
  qceJsonReader,
  qceJsonlReader,
  qceTxtReader,
  qqntDbReader,
  telegramJsonReader,
  wechatPc3Reader,
  wechatV4Reader,
  whatsappTxtReader,
  whatsappZipReader,
  signalMdReader,
  chatportJsonReader,
  qqCopyReader,
];

/** Every built-in writer. */
export const writers: WriterPlugin[] = [
  jsonWriter,
  ndjsonWriter,
  csvWriter,
  htmlWriter,
  whatsappTxtWriter,
  pdfWriter,
  rsmfWriter,
];
