import { ErrorPage } from "./error-page";

// Rendered with HTTP 403 when a layout or page calls forbidden() (experimental.authInterrupts).
export default function Forbidden() {
  return <ErrorPage kind="forbidden" />;
}
