import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const PRISMA = [
  { group: ["@prisma/*", "@/lib/server/generated/*", "**/lib/server/generated/*"], message: "Only lib/server talks to the database (docs/architecture.md \"Layers\"); use lib/core for Role." },
];
const DB_PATHS = [{ name: "@/lib/server/db", message: "Components never query the database: the page calls a service in lib/server/* and passes the result." }];

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
  // Layering (docs/architecture.md "Layers", issue #13). ESLint applies only the last matching
  // `no-restricted-imports`, so each block below repeats the rule for everything outside lib/server.
  {
    // Only lib/server talks to the database: nothing else imports Prisma or the generated clients
    // (roles come from lib/core/role.ts).
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["lib/server/**", "prisma.config.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: PRISMA }] },
  },
  {
    // UI never reaches past the services: pages pass components what lib/server/* returned.
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { paths: DB_PATHS, patterns: PRISMA }] },
  },
  {
    // Route handlers are thin: they validate and call lib/; they never import UI code.
    files: ["app/api/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...PRISMA, { group: ["@/components/*"], message: "Route handlers never import UI code: move shared logic to lib/." }] }] },
  },
  {
    // The simulator, question generators and the shared vocabulary are pure: no framework, no
    // database, no Node APIs, no clock, no Math.random (docs/architecture.md).
    files: ["lib/tcp/**/*.ts", "lib/scenarios/**/*.ts", "lib/core/**/*.ts"],
    ignores: ["**/*.test.ts", "**/test-support/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Use the seeded PRNG." }, { object: "Date", property: "now", message: "Use the simulated clock." }],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date']", message: "Use the simulated clock." }],
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "next-intl", "next-intl/*", "react", "react-dom", "@prisma/*", "@/lib/server/*", "@/components/*", "@/app/*", "@/i18n/*", "node:*"] }],
    },
  },
];

export default config;
