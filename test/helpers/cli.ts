import { Writable } from "node:stream";
import { runCliSafely } from "../../src/cli/run.js";

/** Runs the CLI in-process and captures what it prints. */
export async function runCapture(argv: string[], env: Record<string, string | undefined> = {}, cwd = process.cwd()) {
  let out = "", err = "";
  const sink = (f: (s: string) => void) => Object.assign(new Writable({ write(c, _e, cb) { f(String(c)); cb(); } }), { isTTY: false }) as unknown as NodeJS.WriteStream;
  const code = await runCliSafely(argv, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), env, cwd });
  return { code, out, err };
}
