// @ts-check
/**
 * The one place environment variables are read and validated (create-t3-app's pattern, see
 * docs/architecture.md). next.config.js imports this file, so a bad value fails `next build` and
 * `next start` immediately instead of surfacing as a 500 later.
 */
const { z } = require("zod");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/tcplab.db")
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), "must start with file: (SQLite) or postgresql:// (PostgreSQL)"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10).max(128).optional(),
  // Test and benchmark runs raise the sign-in limits; production keeps the defaults.
  AUTH_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().positive().default(50),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
  throw new Error(`Invalid environment variables:\n${lines}`);
}

/** @type {z.infer<typeof envSchema>} */
const env = parsed.data;

module.exports = { env, envSchema };
