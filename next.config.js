// @ts-check
// Importing the env module validates the environment at build and start (lib/env.js).
require("./lib/env.js");
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Separate build folders let several builds (tests, benchmarks, parallel work) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // No ETag on server-rendered Pages Router answers: the practice pages (issue #16) are per user
  // and never revalidated, and hashing each body (fnv1a52 in Next's send-payload) was ≈ 1 ms of a
  // question's first view. Lessons keep theirs (lib/server/static-lessons.ts), static files too.
  generateEtags: false,
  // CSP, frame-ancestors, referrer policy … on every response (issue #7).
  headers: require("./lib/security-headers.js").headers,
  // `npm test` type-checks the whole project once (`tsc --noEmit`) before it builds; checking
  // again inside `next build` would only repeat that work.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Enables forbidden()/unauthorized() so a wrong role gets a real 403 page, not a crash.
    authInterrupts: true,
    // `npm run bench:profile` builds with readable server function names (NEXT_SERVER_MINIFY=0).
    serverMinification: process.env.NEXT_SERVER_MINIFY !== "0",
  },
};

module.exports = withNextIntl(nextConfig);
