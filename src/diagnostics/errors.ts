/**
 * Kinds of fatal error and the process exit code each maps to. Documented in the README; the CLI is the
 * only place that turns them into exit codes.
 */
export const EXIT_CODES = {
  ok: 0,
  /** --strict and warnings were reported, or some inputs failed. */
  "strict-failure": 1,
  /** Bad command-line usage: unknown option, unknown format id, bad --tz. */
  usage: 2,
  /** The input cannot be read: missing, a directory where a file is needed, empty, unreadable. */
  "input-unreadable": 3,
  /** The input is readable but is not a chat export chatport knows, or its format is ambiguous. */
  "unknown-format": 4,
  /** The input is a known format but damaged, truncated or encrypted. */
  "input-damaged": 5,
  /** The output could not be written (or a needed tool such as Chromium is missing). */
  "output-failed": 6,
  /** `chatport verify`: a file listed in the manifest is missing or its bytes changed. */
  "verify-failed": 7,
  /** A bug in chatport. */
  internal: 70,
} as const;

/** A kind of fatal error. */
export type ErrorKind = keyof typeof EXIT_CODES;

/**
 * A fatal error meant for people: `message` is one sentence that names the file and place and says
 * what to do. The CLI prints it without a stack trace.
 */
export class ChatportError extends Error {
  /** The kind, which decides the exit code. */
  readonly kind: ErrorKind;
  /** A diagnostic code when the error has one (e.g. `encrypted-database`). */
  readonly code: string | undefined;

  constructor(kind: ErrorKind, message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "ChatportError";
    this.kind = kind;
    this.code = options.code;
  }

  /** The process exit code for this error. */
  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

/** True for a {@link ChatportError}. */
export function isChatportError(e: unknown): e is ChatportError {
  return e instanceof ChatportError;
}

// System errors that say the input cannot be read, whichever step met them first (hashing, listing a
// folder, reading a member): a file or folder without read permission passes `stat` and fails at `open`.
const UNREADABLE: Record<string, string> = {
  EACCES: "permission denied; make it readable by this user and run again",
  EPERM: "the operation is not permitted; make it readable by this user and run again",
  ENOENT: "it vanished while chatport read it (moved or deleted); copy the export to a quiet place and run again",
  EIO: "an input/output error from the disk; copy the export to a healthy disk and run again",
  EISDIR: "a folder where a file was expected; check the path",
};

/**
 * The {@link ChatportError} for a system error that means the input cannot be read (permission denied, a
 * file vanished, a disk error), found in `e` or its cause chain; undefined for anything else.
 */
export function unreadableInputError(e: unknown): ChatportError | undefined {
  for (let x = e, depth = 0; x instanceof Error && depth < 5; x = x.cause, depth++) {
    const { code, path, syscall } = x as NodeJS.ErrnoException;
    // Only errors of reading: a write error is the output's (output-errors.ts says so already).
    if (code === undefined || !(code in UNREADABLE) || syscall === "write" || syscall === "mkdir") continue;
    return new ChatportError("input-unreadable", `${path ?? "an input file"}: ${UNREADABLE[code]}.`, { cause: e });
  }
  return undefined;
}
