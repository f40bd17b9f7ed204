import type { ReactNode } from "react";
import { BODY_CLASS } from "./site-frame";

/**
 * What pages/_app renders around every Pages Router page: the Pages Router renders pages inside
 * <div id="__next">, so the body's flex column goes on a wrapper here. Its own module so that
 * lib/server/quiz/practice-render.tsx renders the same shell without _app's stylesheet imports.
 */
export function AppShell({ children }: { children: ReactNode }) {
  return <div className={BODY_CLASS}>{children}</div>;
}
