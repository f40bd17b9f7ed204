"use client";

import { useActionState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import type { ActionState } from "@/lib/server/action";

/**
 * A small form around a server action (useActionState): hidden fields and inputs as children,
 * one submit button, the action's message announced below it. Optional confirm() for
 * destructive or final steps. Works as a plain form post before hydration.
 */
export function ActionForm({
  action,
  label,
  pendingLabel,
  variant = "primary",
  confirmText,
  children,
  className = "",
  buttonClassName = "",
  ariaLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: ReactNode;
  pendingLabel?: ReactNode;
  variant?: ButtonVariant;
  confirmText?: string;
  children?: ReactNode;
  className?: string;
  buttonClassName?: string;
  /** Accessible name when the visible label is only a symbol (↑, ↓). */
  ariaLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: "" });
  return (
    <form
      action={formAction}
      className={`flex flex-col gap-3 ${className}`}
      onSubmit={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
    >
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant={variant} disabled={pending} className={buttonClassName} aria-label={ariaLabel}>
          {pending && pendingLabel ? pendingLabel : label}
        </Button>
        {state.message ? (
          <span role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-ok" : "text-bad"}`}>
            {state.message}
          </span>
        ) : null}
      </div>
      {state.errors && Object.keys(state.errors).length > 0 ? (
        <ul className={`list-disc pl-5 text-sm ${state.ok ? "text-warn" : "text-bad"}`}>
          {Object.entries(state.errors).map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
