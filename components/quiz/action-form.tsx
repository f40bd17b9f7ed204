"use client";

import { useActionState, type ReactNode } from "react";
import { ActionMessage, ErrorList, SubmitButton } from "@/components/forms/form-status";
import type { ButtonVariant } from "@/components/ui/button";
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
        <SubmitButton pending={pending} label={label} pendingLabel={pendingLabel} variant={variant} className={buttonClassName} ariaLabel={ariaLabel} />
        <ActionMessage message={state.message} ok={state.ok} />
      </div>
      <ErrorList errors={state.errors} className={state.ok ? "text-warn" : "text-bad"} />
    </form>
  );
}
