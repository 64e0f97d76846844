import { EXIT_CODES, isChatportError } from "../diagnostics/errors.js";
import { runCli } from "./run.js";

/** The `chatport` executable: runs the CLI and turns errors into one sentence and an exit code. */
async function main(): Promise<void> {
  let code: number;
  try {
    code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
  } catch (e) {
    if (isChatportError(e)) {
      process.stderr.write(`chatport: ${e.message}\n`);
      code = e.exitCode;
    } else {
      process.stderr.write(`chatport: internal error: ${(e as Error)?.message ?? String(e)} (this is a bug; please report it${process.env.CHATPORT_DEBUG ? "" : ", and set CHATPORT_DEBUG=1 for details"}).\n`);
      if (process.env.CHATPORT_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
      code = EXIT_CODES.internal;
    }
  }
  process.exitCode = code;
}

void main();
