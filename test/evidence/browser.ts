import { execFileSync } from "node:child_process";
import { findChromium } from "../../formats/pdf/chromium.js";

/** The installed Chromium, or undefined (tests that need it are skipped, saying why). */
export const CHROMIUM: string | undefined = (() => {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
})();

/** Appended to the titles of tests skipped for want of a browser. */
export const NEEDS_CHROMIUM = CHROMIUM ? "" : " [SKIPPED: no Chromium found — apt-get install chromium, or set CHATPORT_CHROMIUM]";

/** True when poppler's pdfinfo/pdftotext are installed. */
export const POPPLER = (() => {
  try {
    execFileSync("pdfinfo", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Text of a PDF, page by page (pdftotext, form feeds between pages). */
export function pdfPages(path: string): string[] {
  return execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" }).split("\f").slice(0, -1);
}

/** The page count pdfinfo reports. */
export function pdfInfoPages(path: string): number {
  return Number(/^Pages:\s+(\d+)$/m.exec(execFileSync("pdfinfo", [path], { encoding: "utf8" }))![1]);
}
