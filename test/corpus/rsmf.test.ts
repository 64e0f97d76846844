/**
 * RSMF output validated against the official RSMF 2.0.0 manifest schema (relativitydev/rsmf-validator-
 * samples, BSD-3, copied in ../shared/reference/rsmf) with ajv draft-07 and ajv-formats' full
 * `date-time` (RFC 3339: Z or an offset required), plus the reference checks the schema cannot do.
 */
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import { memorySink, memorySource } from "../../src/io/index.js";
import { convert } from "../../src/pipeline/index.js";
import { manyMessages, qqTxt } from "../helpers/qq-txt-build.js";
import { parseRsmf, rsmfProblems, type ParsedRsmf } from "../helpers/rsmf.js";
import { DIRECT, writeDirect } from "../helpers/rsmf-fixtures.js";
import { discoverSamples, materialise } from "../helpers/samples.js";

const SHARED = resolve(process.cwd(), "../shared");
const SCHEMA = join(SHARED, "reference/rsmf/RSMFManifestSchema_rsmf_schema_2_0_0.json");
const QQ = join(SHARED, "corpus/qq-txt/group-2017-headerless.txt");
const GENERATED = "2024-05-01T00:00:00Z";

let validate: ValidateFunction;
let dir: string;

beforeAll(async () => {
  const schema = JSON.parse(await readFile(SCHEMA, "utf8"));
  // The schema puts `maximum` on a string (reactions.value): only log strict-mode complaints about it.
  const ajv = new Ajv({ allErrors: true, strict: "log", logger: false });
  // ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
  const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (a: Ajv, o: { mode: "full" }) => void;
  addFormats(ajv, { mode: "full" });
  // ajv-formats has no idn-email; a conservative check instead of ignoring the format.
  ajv.addFormat("idn-email", /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/u);
  validate = ajv.compile(schema);
  dir = await mkdtemp(join(tmpdir(), "chatport-rsmf-corpus-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectValid(p: ParsedRsmf): void {
  const ok = validate(p.manifest);
  expect(ok ? [] : validate.errors?.slice(0, 5)).toEqual([]);
  expect(rsmfProblems(p)).toEqual([]);
}

describe("the validator itself", () => {
  it("is strict about date-time: the schema's own offset-less example fails, Z and offsets pass", () => {
    const doc = (timestamp: string) => ({ version: "2.0.0", participants: [{ id: "P1" }], conversations: [{ id: "C1", platform: "sms", participants: ["P1"] }], events: [{ type: "message", timestamp }] });
    expect(validate(doc("2018-09-11T09:45:00"))).toBe(false);
    expect(validate(doc("2018-09-11T09:45:00Z"))).toBe(true);
    expect(validate(doc("2018-09-11T09:45:00+08:00"))).toBe(true);
    expect(validate({ ...doc("2018-09-11T09:45:00Z"), participants: [{ id: "P1", custom: [{ name: "x", value: "" }] }] })).toBe(false);
  });
});

describe("rsmf on the QQ TXT corpus file (5053 messages)", () => {
  it("validates against the RSMF 2.0.0 schema and passes the reference checks", async () => {
    const sink = memorySink("g.rsmf");
    const r = await convert(QQ, builtinRegistry, { to: "rsmf", output: sink, tz: "Asia/Shanghai", generatedAt: GENERATED });
    const p = await parseRsmf(sink.bytes());
    expectValid(p);
    expect(p.manifest.events).toHaveLength(r.messages);
    expect(p.rawHeaders.get("x-rsmf-eventcount")).toBe(String(r.messages));
    // First header of the file: "2017-01-01 8:36:52 成员001(member001@example.com)", Asia/Shanghai = UTC+8.
    expect(p.manifest.events[0]).toMatchObject({ timestamp: "2017-01-01T00:36:52Z", body: "好运2017，大家加油", participant: "qq:member001@example.com" });
    expect(p.rawHeaders.get("x-rsmf-sourcesha256")).toBe("764b8e16af94b9a2934e6b9f1e8171447c4935cadc2cde7328c6ee79741b1a11");
  });

  it("without --tz stops at line 1 and says to pass --tz", async () => {
    const err = await convert(QQ, builtinRegistry, { to: "rsmf", output: memorySink(), generatedAt: GENERATED }).catch((e) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect(err.message).toContain("group-2017-headerless.txt line 1 has the time \"2017-01-01 8:36:52\" with no time zone: pass --tz <zone>");
  });
});

describe("rsmf synthetic outputs against the schema", () => {
  it("a small QQ TXT export", async () => {
    const sink = memorySink("s.rsmf");
    const text = qqTxt("测试群", [
      { time: "2017-01-01 8:36:52", sender: "成员001(member001@example.com)", body: "=1+1\n第二行" },
      { time: "2017-01-01 8:55:00", sender: "(800039595)", body: "[图片]" },
    ]);
    await convert(memorySource("s.txt", text), builtinRegistry, { to: "rsmf", output: sink, tz: "Asia/Shanghai", generatedAt: GENERATED });
    expectValid(await parseRsmf(sink.bytes()));
  });

  it("every field of the mapping, with attachments in the zip", async () => {
    const { bytes } = await writeDirect(DIRECT);
    const p = await parseRsmf(bytes);
    expectValid(p);
    expect(p.zipNames).toHaveLength(3);
  });

  it("both slices of a 10,001-event export", async () => {
    const out = join(dir, "big.rsmf");
    await convert(memorySource("big.txt", qqTxt("大群", manyMessages(10_001))), builtinRegistry, { to: "rsmf", output: out, tz: "UTC", generatedAt: GENERATED });
    for (const f of ["big.rsmf", "big.002.rsmf"]) expectValid(await parseRsmf(await readFile(join(dir, f))));
  });
});

describe("rsmf of every sample case against the schema", () => {
  const cases = discoverSamples().filter((c) => !c.options.expectError);
  it.each(cases.map((c) => [`${c.format}/${c.name}`, c] as const))("%s", async (_n, c) => {
    const input = materialise(c);
    const out = join(dir, `${c.format}-${c.name}.rsmf`);
    const r = await convert(input, builtinRegistry, { ...(c.options.from ? { from: c.options.from } : {}), tz: c.options.tz ?? "UTC", readerOptions: c.options.readerOptions ?? {}, to: "rsmf", output: out, generatedAt: GENERATED });
    for (const f of r.outputs.filter((o) => o.endsWith(".rsmf"))) expectValid(await parseRsmf(await readFile(f)));
  });
});
