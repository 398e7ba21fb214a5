import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/int-intrinsics.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The second lists, at the end, every skipped tier with why and how to run it.
    reporters: ["verbose", "./test/setup/skipped-reporter.ts"],
  },
});
