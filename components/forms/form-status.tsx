import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/**
 * What a form says after its server action ran, and its submit button: the two ways the forms
 * report (a message beside the button, or an error notice above it) written once.
 */

/** The action's message beside the submit button: a status when it worked, an alert when not. */
export function ActionMessage({ message, ok, role }: { message?: string; ok: boolean; /** Forms that only ever confirm use "status" for both. */ role?: "status" | "alert" }) {
  return message ? (
    <span role={role ?? (ok ? "status" : "alert")} className={`text-sm ${ok ? "text-ok" : "text-bad"}`}>
      {message}
    </span>
  ) : null;
}

/** A refused action's message as an error notice (forms whose fields show their own errors). */
export function ErrorNotice({ message }: { message?: string | null | false }) {
  return message ? <Notice tone="error">{message}</Notice> : null;
}

/** The per-field messages an action returned, as a list under the form. */
export function ErrorList({ errors, className = "text-bad" }: { errors?: Record<string, string>; className?: string }) {
  return errors && Object.keys(errors).length > 0 ? (
    <ul className={`list-disc pl-5 text-sm ${className}`}>
      {Object.entries(errors).map(([field, message]) => (
        <li key={field}>{message}</li>
      ))}
    </ul>
  ) : null;
}

/** The submit button, disabled and relabelled while the action runs. */
export function SubmitButton({
  pending,
  label,
  pendingLabel,
  variant,
  className,
  ariaLabel,
}: {
  pending: boolean;
  label: ReactNode;
  pendingLabel?: ReactNode;
  variant?: ButtonVariant;
  className?: string;
  ariaLabel?: string;
}) {
  return (
    <Button type="submit" variant={variant} disabled={pending} className={className} aria-label={ariaLabel}>
      {pending && pendingLabel ? pendingLabel : label}
    </Button>
  );
}

/** The usual end of a form: the error notice, then the submit button on its own line. */
export function NoticeAndSubmit({ message, pending, label, pendingLabel }: { message?: string | null | false; pending: boolean; label: ReactNode; pendingLabel?: ReactNode }) {
  return (
    <>
      <ErrorNotice message={message} />
      <div>
        <SubmitButton pending={pending} label={label} pendingLabel={pendingLabel} />
      </div>
    </>
  );
}
