// @ts-check
/**
 * HTTP security headers for every response (issue #7), as Next's `headers()` config expects:
 * `headers: require("./lib/security-headers.js").headers` in next.config.js.
 *
 * Next evaluates `headers()` at build time and bakes the result into the routes manifest, so the
 * production/https decisions below are taken from the environment of `next build`.
 *
 * Content-Security-Policy, App Router edition:
 * - script-src 'self' 'unsafe-inline': Next's App Router streams its flight data and bootstrap
 *   as inline <script> tags; without nonces (which would make every page dynamic) they need
 *   'unsafe-inline'. No 'unsafe-eval' in production; `next dev` needs it for React's debugging
 *   and Turbopack's HMR. @see https://nextjs.org/docs/app/guides/content-security-policy
 * - style-src 'unsafe-inline': shiki's highlighted code, recharts and the SVG diagrams use
 *   style attributes.
 * - connect-src 'self' (plus ws: in development for HMR): the app only fetches its own API.
 * - frame-ancestors 'none' (and X-Frame-Options DENY for old browsers): no one may frame us
 *   (clickjacking). @see https://www.w3.org/TR/CSP3/#directive-frame-ancestors
 * - form-action 'self': server actions and the next-auth callback post to the same origin.
 */

/** @param {{ production: boolean; https: boolean }} mode */
function contentSecurityPolicy({ production, https }) {
  const directives = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(production ? [] : ["'unsafe-eval'"])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(production ? [] : ["ws:", "wss:"])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
  };
  const parts = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  // Upgrading subresources only makes sense when the site itself is served over https; on
  // http://localhost it would send the browser to a TLS port that does not exist.
  if (https) parts.push("upgrade-insecure-requests");
  return parts.join("; ");
}

/**
 * The header list for a given mode (exported for tests).
 * @param {{ production: boolean; https: boolean }} mode
 * @returns {{ key: string; value: string }[]}
 */
function securityHeaderList(mode) {
  const list = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(mode) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // The app uses none of these browser features; denying them limits what injected code could do.
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
  // HSTS is only meaningful (and only honoured) over https. @see RFC 6797 §7.2
  if (mode.https) list.push({ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" });
  return list;
}

function currentMode() {
  return {
    production: process.env.NODE_ENV === "production",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  };
}

/** Next's `headers()` config: the same headers on every path. */
async function headers() {
  return [{ source: "/:path*", headers: securityHeaderList(currentMode()) }];
}

module.exports = { headers, securityHeaderList, contentSecurityPolicy };
