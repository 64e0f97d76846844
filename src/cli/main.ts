import { runCliSafely } from "./run.js";

/** The `chatport` executable: a thin shell over {@link runCliSafely}. */
void runCliSafely(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then((code) => {
  process.exitCode = code;
});
