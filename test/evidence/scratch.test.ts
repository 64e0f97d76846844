import { it } from "vitest";
import { convert } from "../../src/pipeline/convert.js";
import { fakeInputFolder, testRegistry } from "./fake-reader.js";
it("scratch", async () => {
  await convert(fakeInputFolder(), testRegistry, { to: "pdf", output: "/tmp/evx/fake/case.pdf", writerOptions: { bates: "X-" } });
  await convert(fakeInputFolder(), testRegistry, { to: "html", output: "/tmp/evx/fake/case.html", writerOptions: { bates: "X-" } });
}, 60000);
