// @ts-check
/**
 * The one place environment variables are read and validated (create-t3-app's pattern, see
 * docs/architecture.md). next.config.js imports this file, so a bad value fails `next build` and
 * `next start` immediately instead of surfacing as a 500 later.
 */
const { z } = require("zod");
const { parseTrustedProxies } = require("./client-address.js");

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
  // Sign-in limits (lib/server/rate-limit.ts): wrong passwords per account before a short
  // lockout, the lockout's length, and attempts per client address — set above what a whole
  // class behind one NAT produces (issue #14). Test runs lower them to reach them quickly.
  AUTH_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  AUTH_LOCKOUT_SECONDS: z.coerce.number().int().positive().max(3600).default(60),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().positive().default(300),
  // Proxies whose X-Forwarded-For is believed (lib/client-address.js): addresses or CIDR ranges,
  // comma-separated. Empty: the socket's peer is the client.
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((v, ctx) => {
      const parsed = parseTrustedProxies(v);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.errors.join("; ") });
    }),
  // Rate-limit counters in Redis (shared by every app machine); otherwise PostgreSQL when
  // DATABASE_URL is PostgreSQL, else the memory of the cluster's primary (lib/server/rate-limit.ts).
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\/\S+$/.test(v), "must start with redis:// or rediss://")
    .optional(),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
  throw new Error(`Invalid environment variables:\n${lines}`);
}

/** @type {z.infer<typeof envSchema>} */
const env = parsed.data;

module.exports = { env, envSchema };
