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
