/**
 * After `next build` (`npm run build`): brotli and gzip copies of every prerendered lesson, which
 * scripts/serve.ts sends as static files (lib/server/static-lessons.ts, issue #16).
 */
import path from "node:path";
import { precompressLessons } from "../lib/server/static-lessons";

const distDir = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next");
const t0 = performance.now();
const n = precompressLessons(distDir);
console.log(`[build] ${n} lesson(s) written pre-compressed (brotli 11 + gzip 9) in ${Math.round(performance.now() - t0)} ms`);
