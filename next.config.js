// @ts-check
// Importing the env module validates the environment at build and start (lib/env.js).
require("./lib/env.js");
const createNextIntlPlugin = require("next-intl/plugin").default;

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // Enables forbidden()/unauthorized() so a wrong role gets a real 403 page, not a crash.
    authInterrupts: true,
  },
};

module.exports = withNextIntl(nextConfig);
