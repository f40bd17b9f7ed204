/**
 * `npm start` — the quick start: applies migrations to the embedded SQLite file (or the
 * PostgreSQL in DATABASE_URL), seeds the demo accounts (not when NODE_ENV=production), builds the
 * app if the sources changed since the last build, then serves it (scripts/serve.ts: one process
 * per core) and says where to open it.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIsCurrent, nextBuild } from "./lib/build-stamp";
import { loadEnvFiles } from "./lib/env-files";
import { ensureAuthSecret } from "./lib/secret";

loadEnvFiles();
ensureAuthSecret();
process.env.DATABASE_URL ??= "file:./data/tcplab.db";
process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT ?? "3000";
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

async function main(): Promise<void> {
  const { migrate } = await import("../lib/server/migrate");
  const applied = await migrate(process.env.DATABASE_URL!, (line) => console.log(`[db] ${line}`));
  console.log(`[db] ${process.env.DATABASE_URL!.startsWith("file:") ? "SQLite" : "PostgreSQL"} ready (${applied.length} migration(s) applied)`);

  if (process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD) {
    const { upsertUser } = await import("../lib/server/users");
    await upsertUser({ email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD, name: "Administrator", role: "ADMIN" });
    console.log(`[db] administrator ${process.env.ADMIN_EMAIL} is ready`);
  }
  const demo: string[] = [];
  if (process.env.NODE_ENV !== "production" && process.env.TCPLAB_DEMO !== "0") {
    const { seedDemo } = await import("./seed");
    await seedDemo((line) => demo.push(line));
  }

  if (!buildIsCurrent(".next")) {
    console.log("[build] building the app (one to three minutes the first time on a small machine)…");
    const status = nextBuild({ distDir: ".next" });
    if (status !== 0) process.exit(status);
  }

  // One server process per core (scripts/serve.ts); `--import tsx` loads the TypeScript in-process.
  const serve = path.join(process.cwd(), "scripts", "serve.ts");
  const server = spawn(process.execPath, ["--import", "tsx", serve, "-p", port], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  server.stdout.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    if (/Ready in/.test(text)) {
      console.log(`\n  tcplab is running: open http://localhost:${port}\n${demo.map((line) => `  ${line}\n`).join("")}  Stop with Ctrl+C.\n`);
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
