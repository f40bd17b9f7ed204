import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Two projects: `unit` is pure and needs no database; `integration` talks to a real
// SQLite file and a real PostgreSQL (see tests/integration/README.md) and runs serially.
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // next-intl's ESM imports "next/server" without an extension, which Node's resolver rejects
    // unless Vite transforms the package (lib/server/static-lessons.test.ts runs its proxy).
    server: { deps: { inline: ["next-intl"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "content/**/*.test.ts", "app/**/*.test.ts", "i18n/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
