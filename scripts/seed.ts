/**
 * `npm run db:seed` — demo accounts (and, once classes exist, a demo class) so a newcomer can try
 * every role. Refuses to run with NODE_ENV=production unless given --force: it creates accounts
 * with published passwords.
 */
import { loadEnvFiles } from "./lib/env-files";

loadEnvFiles();

export const DEMO_PASSWORD = "tcplab-demo-password";
export const DEMO_ACCOUNTS = [
  { email: "student@tcplab.dev", name: "Demo Student", role: "STUDENT" },
  { email: "instructor@tcplab.dev", name: "Demo Instructor", role: "INSTRUCTOR" },
  { email: "admin@tcplab.dev", name: "Demo Admin", role: "ADMIN" },
] as const;

export async function seedDemo(log: (line: string) => void = console.log): Promise<void> {
  const { migrate } = await import("../lib/server/migrate");
  const { env } = await import("../lib/env");
  await migrate(env.DATABASE_URL);
  const { upsertUser } = await import("../lib/server/users");
  for (const account of DEMO_ACCOUNTS) {
    await upsertUser({ ...account, password: DEMO_PASSWORD });
  }
  const { seedDemoExtras } = await import("./lib/seed-extras");
  await seedDemoExtras(log);
  log(`demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`);
}

if (process.argv[1]?.endsWith("seed.ts")) {
  if (process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
    console.error("Refusing to seed demo accounts with NODE_ENV=production (pass --force to override).");
    process.exit(2);
  }
  seedDemo()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
