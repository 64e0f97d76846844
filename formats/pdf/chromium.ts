import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ChatportError } from "../../src/diagnostics/errors.js";

/**
 * Finding and starting a Chromium that is already on the machine. This writer drives a browser, so
 * unlike other writers it reads the environment (CHATPORT_CHROMIUM, PATH) and probes a few files; it
 * never downloads anything.
 */

/** Where Chrome/Chromium usually lives, checked in order after CHATPORT_CHROMIUM. */
export const KNOWN_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/chromium-headless-shell",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
];

/** Executable names looked up on PATH when no known path exists. */
const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"];

/** The switches every launch uses: headless, no sandbox (containers), nothing fetched in the background. */
export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** How to get a browser, in one sentence. */
export const INSTALL_HINT =
  "install Chromium (Debian/Ubuntu: `apt-get install chromium`; Fedora: `dnf install chromium`; macOS/Windows: install Google Chrome) or set CHATPORT_CHROMIUM to the path of a Chrome or Chromium executable; chatport never downloads a browser";

function isExecutable(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to print with: CHATPORT_CHROMIUM when set (an error when it is not an executable), else
 * the first known path or PATH entry that exists. Throws a ChatportError ("output-failed") when none.
 */
export function findChromium(env: Record<string, string | undefined> = process.env): string {
  const chosen = env.CHATPORT_CHROMIUM;
  if (chosen !== undefined && chosen !== "") {
    if (isExecutable(chosen)) return chosen;
    throw new ChatportError("output-failed", `CHATPORT_CHROMIUM is set to ${chosen}, which is not an executable file; point it at a Chrome or Chromium binary, or unset it to use one found on the system.`);
  }
  for (const p of KNOWN_PATHS) if (isExecutable(p)) return p;
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean))
    for (const name of PATH_NAMES) {
      const p = join(dir, name);
      if (isExecutable(p)) return p;
    }
  throw new ChatportError("output-failed", `--to pdf needs a Chromium-based browser and none was found: ${INSTALL_HINT}.`);
}

/** The slice of playwright-core this writer uses. */
export type Playwright = typeof import("playwright-core");

/** Loads playwright-core only when a PDF is made, with an install hint when it is absent. */
export async function loadPlaywright(): Promise<Playwright> {
  try {
    const mod = (await import("playwright-core")) as Playwright & { default?: Playwright };
    return mod.chromium ? mod : mod.default!;
  } catch (e) {
    throw new ChatportError("output-failed", "--to pdf needs the playwright-core package (it drives an installed Chromium and downloads no browser): run `npm install playwright-core`.", { cause: e });
  }
}

/** Starts the browser; a launch failure becomes a ChatportError naming the executable. */
export async function launchChromium(executablePath: string) {
  const pw = await loadPlaywright();
  try {
    return await pw.chromium.launch({ executablePath, args: LAUNCH_ARGS, headless: true, timeout: 60_000 });
  } catch (e) {
    const first = String((e as Error).message ?? e).split("\n")[0];
    throw new ChatportError("output-failed", `Chromium at ${executablePath} could not be started (${first}); ${INSTALL_HINT}.`, { cause: e });
  }
}

/** Pages in a PDF written by Chromium (Skia writes PDF 1.4 without object streams: one /Type /Page per page). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}
