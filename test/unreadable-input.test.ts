/**
 * A file or folder the user cannot read passes `stat` and fails later (hashing, listing, a member's
 * open): that is an unreadable input (exit 3) with the path, never "internal error … this is a bug".
 * Tests run as root, where mode 000 does not refuse, so the system errors are made here.
 */
import { describe, expect, it } from "vitest";
import { ChatportError, unreadableInputError } from "../src/diagnostics/errors.js";

const sysError = (code: string, path: string, syscall = "open") => Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, path, syscall, errno: -13 });

describe("unreadableInputError", () => {
  it("names the path and what to do for permission and disk errors, raw or wrapped", () => {
    expect(unreadableInputError(sysError("EACCES", "/x/_chat.txt"))).toMatchObject({ kind: "input-unreadable", message: "/x/_chat.txt: permission denied; make it readable by this user and run again." });
    const wrapped = new ChatportError("internal", "whatsapp-txt failed unexpectedly", { cause: sysError("EIO", "/x/a.db", "read") });
    expect(unreadableInputError(wrapped)?.exitCode).toBe(3);
    expect(unreadableInputError(new Error("x is not a function"))).toBeUndefined();
    expect(unreadableInputError(sysError("EACCES", "/out/x.csv", "write"))).toBeUndefined();
  });

});
