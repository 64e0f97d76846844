import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts", "formats/**/*.test.ts"],
          exclude: ["test/corpus/**"],
          testTimeout: 60_000,
          globalSetup: ["test/helpers/temp-root.ts"],
        },
      },
      {
        test: { name: "corpus", include: ["test/corpus/**/*.test.ts"], testTimeout: 120_000, globalSetup: ["test/helpers/temp-root.ts"] },
      },
    ],
  },
});
