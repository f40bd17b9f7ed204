"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * Where focus goes after "Check answer" (issue #19). The answer form posts, then refreshes the
 * page: the server renders the feedback in place of the form, and the focused button disappears
 * with the form, so without this focus would drop to <body> and a screen reader would say
 * nothing. The form records which question it submitted; when that question's outcome mounts,
 * it takes focus, and a screen reader reads it (the verdict and score, or "answer saved").
 * A page opened on an already-answered question moves nothing.
 *
 * The practice pages render through the Pages Router (issue #16), where the refresh is a reload
 * of the document: the question also waits in sessionStorage (this tab only) for the new page.
 */
let submitted: string | null = null;
const STORAGE_KEY = "tcplab.outcome";

/** Called by the answer form once the server accepted the answer, before the refresh. */
export function expectOutcome(questionAttemptId: string): void {
  submitted = questionAttemptId;
  try {
    sessionStorage.setItem(STORAGE_KEY, questionAttemptId);
  } catch {
    // Storage disabled: the App Router's refresh keeps this module, and `submitted`, alive.
  }
}

/** The question whose outcome should take focus, if any, forgotten once read for it. */
function takeExpected(questionAttemptId: string): boolean {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage disabled: only `submitted`.
  }
  if (submitted !== questionAttemptId && stored !== questionAttemptId) return false;
  submitted = null;
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // as above
  }
  return true;
}

export function OutcomeFocus({ questionAttemptId, className, children }: { questionAttemptId: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeExpected(questionAttemptId)) ref.current?.focus();
  }, [questionAttemptId]);
  return (
    <div ref={ref} tabIndex={-1} className={`focus:outline-none focus-visible:outline-none ${className ?? ""}`} data-outcome="">
      {children}
    </div>
  );
}
