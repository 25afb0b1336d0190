import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "scenarios/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
