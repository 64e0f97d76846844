/**
 * Localized strings WhatsApp writes in place of content (formats-intl.md §1.6, §1.7). English and German
 * are verified in the corpus; the other languages are best-effort translations gathered from the
 * parser catalogues the notes cite (mlomb/chat-analytics, gesiscss/WhatsR, starkdmi/whats_json) and
 * public exports — matched after `cleanText`, case-insensitively where noted. Data only: no logic.
 */
import type { Attachment } from "../../src/model/index.js";

type AttKind = Attachment["kind"];

/** Android "exported without media" placeholders, the whole first body line (angle brackets included). */
export const MEDIA_OMITTED_ANDROID = new Set(
  [
    "<Media omitted>", "<Medien ausgeschlossen>", "<Medien weggelassen>", "<Media weggelaten>", "<Médiá vynechány>",
    "<Média vynechána>", "<Без медиафайлов>", "<Medya dahil edilmedi>", "<Multimedia omitido>", "<Archivo omitido>",
    "<Multimedia omitida>", "<Médias omis>", "<Fichier omis>", "<Media omessi>", "<Mídia oculta>", "<Arquivo de mídia oculto>",
    "<Ficheiro omitido>", "<Media tidak disertakan>", "<Pominięto multimedia>", "<Медіафайли пропущено>", "<Без медіафайлів>",
    "<تم استبعاد الوسائط>", "<الوسائط محذوفة>", "<मीडिया के बिना>", "<Media dihilangkan>", "<Media utelatt>", "<Media utelämnat>",
    "<Medier udeladt>", "<Media jätetty pois>", "<Média elhagyva>", "<Media omise>", "<Медиите са пропуснати>", "<Πολυμέσα παραλείφθηκαν>",
    "<המדיה לא נכללה>", "<ไม่มีสื่อ>", "<Đã bỏ qua tập tin phương tiện>", "<미디어 파일 제외됨>", "<省略されたメディア>", "<メディアなし>",
    "<省略媒体>", "<已忽略媒体>", "<已略去媒體>", "<Media mancante>",
  ].map((s) => s.toLowerCase()),
);

// A generic fallback: one <…> word group naming media in some language (lower-case words).
export const MEDIA_OMITTED_GENERIC = /^<[^<>]*(?:media|medien|médi|mídia|multimedia|medya|медиа|медіа|الوسائط|मीडिया|미디어|メディア|媒体|媒體)[^<>]*>$/i;

/** iOS typed placeholders ("‎image omitted"), also old iOS "<‎image omitted>"; value = attachment kind. */
export const MEDIA_OMITTED_IOS: Record<string, AttKind> = {
  "image omitted": "image", "video omitted": "video", "audio omitted": "voice", "gif omitted": "video",
  "sticker omitted": "sticker", "document omitted": "file", "contact card omitted": "file", "video note omitted": "video",
  "bild weggelassen": "image", "video weggelassen": "video", "audio weggelassen": "voice", "gif weggelassen": "video",
  "sticker weggelassen": "sticker", "dokument weggelassen": "file", "kontaktkarte ausgelassen": "file", "kontaktkarte weggelassen": "file",
  "imagen omitida": "image", "video omitido": "video", "audio omitido": "voice", "sticker omitido": "sticker", "documento omitido": "file",
  "gif omitido": "video", "tarjeta de contacto omitida": "file",
  "imagem ocultada": "image", "vídeo omitido": "video", "áudio ocultado": "voice", "figurinha omitida": "sticker",
  "image absente": "image", "vidéo absente": "video", "audio omis": "voice", "autocollant omis": "sticker", "document omis": "file",
  "immagine omessa": "image", "video omesso": "video", "audio omesso": "voice", "sticker omesso": "sticker", "documento omesso": "file",
  "afbeelding weggelaten": "image", "video weggelaten": "video", "audio weggelaten": "voice", "sticker weggelaten": "sticker",
  "document weggelaten": "file",
  "gambar tidak disertakan": "image", "video tidak disertakan": "video", "audio tidak disertakan": "voice", "stiker tidak disertakan": "sticker",
  "изображение отсутствует": "image", "видео отсутствует": "video", "аудиофайл отсутствует": "voice",
  "画像は含まれていません": "image", "動画は含まれていません": "video", "音声は含まれていません": "voice",
  "lo siento, se omitió la imagen": "image",
};

/** Android "(file attached)" suffixes after a file name, lower-case, without parentheses. */
export const FILE_ATTACHED = new Set([
  "file attached", "datei angehängt", "bestand bijgevoegd", "soubor byl přiložen", "archivo adjunto", "fichier joint",
  "file allegato", "arquivo anexado", "ficheiro anexado", "файл добавлен", "файл прикреплён", "dosya ekli", "file terlampir",
  "załączono plik", "файл додано", "ملف مرفق", "फ़ाइल संलग्न", "fil vedhæftet", "fil bifogad", "fil vedlagt", "tiedosto liitetty",
  "fájl csatolva", "fișier atașat", "αρχείο επισυνάφθηκε", "קובץ מצורף", "แนบไฟล์", "tệp đính kèm", "파일 첨부됨", "ファイル添付", "文件已附加",
]);

/** iOS "<attached: NAME>" keywords (before the colon), lower-case. */
export const ATTACHED_KEYWORDS = new Set([
  "attached", "anhang", "adjunto", "allegato", "pièce jointe", "anexo", "bijlage", "вложение", "ek", "lampiran", "załącznik",
  "vedhæftet fil", "bilaga", "vedlegg", "liite", "melléklet", "příloha", "prilog", "συνημμένο", "מצורף", "مرفق", "添付", "첨부", "附件",
  "tệp đính kèm", "ไฟล์แนบ", "संलग्नक", "вкладення",
]);

/** Deleted-message bodies (trailing dot optional), lower-case; value: who deleted it. */
export const DELETED: Record<string, "sender" | "self"> = {
  "this message was deleted": "sender", "you deleted this message": "self",
  "diese nachricht wurde gelöscht": "sender", "du hast diese nachricht gelöscht": "self",
  "se eliminó este mensaje": "sender", "eliminaste este mensaje": "self", "este mensaje fue eliminado": "sender",
  "ce message a été supprimé": "sender", "vous avez supprimé ce message": "self",
  "questo messaggio è stato eliminato": "sender", "hai eliminato questo messaggio": "self",
  "mensagem apagada": "sender", "você apagou esta mensagem": "self", "esta mensagem foi apagada": "sender", "apagou esta mensagem": "self",
  "dit bericht is verwijderd": "sender", "je hebt dit bericht verwijderd": "self",
  "данное сообщение удалено": "sender", "вы удалили данное сообщение": "self", "это сообщение удалено": "sender",
  "bu mesaj silindi": "sender", "bu mesajı sildiniz": "self",
  "pesan ini telah dihapus": "sender", "anda menghapus pesan ini": "self",
  "ta wiadomość została usunięta": "sender", "usunięto tę wiadomość": "self",
  "تم حذف هذه الرسالة": "sender", "لقد حذفت هذه الرسالة": "self",
  "यह संदेश हटा दिया गया था": "sender", "आपने यह संदेश हटाया": "self",
  "このメッセージは削除されました": "sender", "メッセージを削除しました": "self",
  "此消息已删除": "sender", "你删除了此消息": "self",
};

/** `<This message was edited>` markers appended to an edited body, lower-case. */
export const EDITED_MARKERS = [
  "<this message was edited>", "<diese nachricht wurde bearbeitet>", "<este mensaje fue editado>", "<se editó este mensaje.>",
  "<questo messaggio è stato modificato>", "<ce message a été modifié>", "<esta mensagem foi editada>", "<dit bericht is bewerkt>",
  "<сообщение изменено>", "<bu mesaj düzenlendi>", "<pesan ini telah diedit>",
];

/** Poll block headings and option prefixes (formats-intl.md §1.6). */
export const POLL_HEADINGS = new Set(["poll:", "umfrage:", "encuesta:", "enquête :", "sondaggio:", "enquete:", "peiling:", "опрос:", "anket:"]);
export const POLL_OPTION = /^(?:OPTION|OPCIÓN|OPÇÃO|OPZIONE|OPTIE|ВАРИАНТ|SEÇENEK):\s?(.*?)(?:\s\((\d+)\s[^()\d]+\))?$/i;

/** "location: https://…" labels, lower-case. */
export const LOCATION_LABELS = new Set([
  "location", "standort", "ubicación", "localização", "posizione", "position", "locatie", "poloha", "konum", "местоположение",
  "موقع", "lokasi", "lokalizacja", "sijainti", "plats", "placering", "lokasjon", "τοποθεσία", "מיקום", "ตำแหน่ง", "vị trí", "위치", "位置",
]);

/** Live-location notices, lower-case, trailing dot removed. */
export const LIVE_LOCATION = new Set(["live location shared", "live-standort wird geteilt", "ubicación en tiempo real compartida", "position en direct partagée"]);

/** Call notices, lower-case prefixes. */
export const CALL_PREFIXES = [
  "missed voice call", "missed video call", "voice call", "video call", "verpasster sprachanruf", "verpasster videoanruf",
  "sprachanruf", "videoanruf", "llamada perdida", "llamada de voz", "videollamada", "appel vocal manqué", "appel vidéo manqué",
];

/**
 * System notices, matched at the start of the cleaned body. Android writes them without an author;
 * iOS attributes some to the chat name ("Pokemon Chat: Messages and calls are end-to-end encrypted…").
 */
export const NOTICE_PREFIXES = [
  "messages and calls are end-to-end encrypted", "messages to this group are now secured with end-to-end encryption",
  "messages you send to this group are now secured with end-to-end encryption", "messages you send to this chat and calls are now secured",
  "your security code with", "you created group", "you created this group", "you're now an admin", "you are now an admin",
  "this chat is with a business account", "you updated the message timer", "disappearing messages",
  "nachrichten und anrufe sind ende-zu-ende-verschlüsselt", "nachrichten, die du in dieser gruppe sendest",
  "du hast die gruppe", "dein sicherheitscode für",
  "los mensajes y las llamadas están cifrados de extremo a extremo", "les messages et les appels sont chiffrés de bout en bout",
  "i messaggi e le chiamate sono crittografati end-to-end", "as mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
  "berichten en gesprekken worden end-to-end versleuteld", "сообщения и звонки защищены сквозным шифрованием",
];

/** Phrases inside a notice that names a group action ("Alice created group …", "You added Bob"). */
export const GROUP_NOTICE = /\b(?:created group|created this group|added|removed|left|joined using this group's invite link|changed the subject|changed the group name|changed this group's icon|changed the group description|deleted this group's icon|hat die gruppe|hinzugefügt|entfernt|hat die gruppe verlassen|gruppennamen|gruppenbild|gruppenbeschreibung)\b/i;
