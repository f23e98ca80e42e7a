import { defineConfig } from "vitest/config";
import { WaitingFilesFirst } from "./test/helpers/sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/helpers/setup.ts"],
    globalSetup: ["test/helpers/build.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most files wait on PostgreSQL or on a spawned app, not on the CPU: more files than cores at once.
    maxWorkers: 3,
    sequence: { sequencer: WaitingFilesFirst },
  },
});
