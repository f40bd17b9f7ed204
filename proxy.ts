import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";

// Next 16 calls the request middleware "proxy". It only negotiates the locale prefix; access
// control happens in route-group layouts and again in every action and route handler.
export default createMiddleware(routing);

export const config = {
  // Everything except API routes, Next internals and files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
