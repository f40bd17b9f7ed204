"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * Where focus goes after "Check answer" (issue #19). The answer form posts, then refreshes the
 * page: the server renders the feedback in place of the form, and the focused button disappears
 * with the form, so without this focus would drop to <body> and a screen reader would say
 * nothing. The form records which question it submitted; when that question's outcome mounts,
 * it takes focus, and a screen reader reads it (the verdict and score, or "answer saved").
 * A page opened on an already-answered question moves nothing.
 */
let submitted: string | null = null;

/** Called by the answer form once the server accepted the answer, before the refresh. */
export function expectOutcome(questionAttemptId: string): void {
  submitted = questionAttemptId;
}

export function OutcomeFocus({ questionAttemptId, className, children }: { questionAttemptId: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (submitted !== questionAttemptId) return;
    submitted = null;
    ref.current?.focus();
  }, [questionAttemptId]);
  return (
    <div ref={ref} tabIndex={-1} className={`focus:outline-none focus-visible:outline-none ${className ?? ""}`} data-outcome="">
      {children}
    </div>
  );
}
