import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "out/**", "data/**", "lib/server/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // CommonJS files: next.config.js and lib/env.js must stay require()-based (Next loads the
    // config without a TypeScript/ESM step).
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright fixtures call `use(...)`, which is not React's use().
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The simulator and question generators are pure: no clock, no Math.random (docs/architecture.md).
    files: ["lib/tcp/**/*.ts", "lib/scenarios/**/*.ts"],
    ignores: ["**/*.test.ts", "**/test-support/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Use the seeded PRNG." }, { object: "Date", property: "now", message: "Use the simulated clock." }],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date']", message: "Use the simulated clock." }],
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "react", "react-dom", "@prisma/*", "@/lib/server/*", "node:*"] }],
    },
  },
];

export default config;
