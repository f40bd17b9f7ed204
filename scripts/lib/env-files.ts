import { existsSync } from "node:fs";

/** Loads `.env.local` then `.env` (values already in the environment win), like Next does. */
export function loadEnvFiles(): void {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
