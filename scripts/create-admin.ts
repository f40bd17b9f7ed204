/**
 * `npm run create-admin -- admin@example.com "a long passphrase"` creates the first administrator
 * (or makes an existing account an administrator with that password). Without arguments it uses
 * ADMIN_EMAIL and ADMIN_PASSWORD from the environment or .env.
 */
import { z } from "zod";
import { emailSchema, newPasswordSchema } from "../lib/validation/auth";
import { loadEnvFiles } from "./lib/env-files";

loadEnvFiles();

async function main(): Promise<void> {
  const [emailArg, passwordArg] = process.argv.slice(2);
  const parsed = z
    .object({ email: emailSchema, password: newPasswordSchema })
    .safeParse({ email: emailArg ?? process.env.ADMIN_EMAIL, password: passwordArg ?? process.env.ADMIN_PASSWORD });
  if (!parsed.success) {
    console.error("usage: npm run create-admin -- <email> <password>   (or set ADMIN_EMAIL and ADMIN_PASSWORD)");
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  const { migrate } = await import("../lib/server/migrate");
  const { env } = await import("../lib/env");
  await migrate(env.DATABASE_URL);
  const { upsertUser } = await import("../lib/server/users");
  const user = await upsertUser({ email: parsed.data.email, password: parsed.data.password, name: "Administrator", role: "ADMIN" });
  console.log(`${user.email} is an administrator.`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
