/**
 * qq-copy's lenient grammar must not claim other formats' inputs: no sample of another reader (QQ TXT
 * exports, WhatsApp, signal-export, QCE TXT, JSON, CSV, MHT…) gets any claim from its detector.
 */
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openInput } from "../src/pipeline/open-input.js";
import { buildProbe } from "../src/pipeline/probe.js";
import { detectQqCopy } from "../formats/qq-copy/detect.js";
import { discoverSamples } from "./helpers/samples.js";

const others = discoverSamples().filter((c) => c.format !== "qq-copy" && statSync(c.input).isFile());

describe("qq-copy detection leaves other formats alone", () => {
  it("has other samples to check", () => expect(others.length).toBeGreaterThan(30));
  it.each(others.map((c) => [`${c.format}/${c.name}`, c] as const))("%s", async (_n, c) => {
    const input = await openInput(c.input);
    expect(detectQqCopy(await buildProbe(input))).toBeNull();
  });
});
