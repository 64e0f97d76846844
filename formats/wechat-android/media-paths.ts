import { createHash } from "node:crypto";

/**
 * Where Android keeps a message's media, from `message.imgPath` (third-party, unverified against a real
 * device: ppwwyyxx/wechat-dump resource.py): images `image2/<h0h1>/<h2h3>/th_<h>` (thumbnail; the full
 * image sits beside it without `th_`), voice `voice2/<m0m1>/<m2m3>/msg_<imgPath>.amr` with m = md5(imgPath),
 * video `video/<imgPath>.mp4`. Paths are relative to the account folder (the one holding EnMicroMsg.db).
 */
export function androidMediaPaths(type: number, imgPath: string): string[] {
  const p = imgPath.trim();
  if (!p) return [];
  if (type === 3) {
    const h = p.replace(/^THUMBNAIL_DIRPATH:\/\//, "").replace(/^th_/, "");
    if (!/^[0-9a-f]{4,}$/i.test(h)) return [p];
    const dir = `image2/${h.slice(0, 2)}/${h.slice(2, 4)}`;
    return [`${dir}/${h}`, `${dir}/${h}.jpg`, `${dir}/th_${h}`];
  }
  if (type === 34) {
    const m = createHash("md5").update(p).digest("hex");
    return [`voice2/${m.slice(0, 2)}/${m.slice(2, 4)}/msg_${p}.amr`];
  }
  if (type === 43 || type === 62) return [`video/${p}.mp4`, `video/${p}`];
  return [];
}
