"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionMessage, SubmitButton } from "@/components/forms/form-status";
import { setRoleAction, type AdminActionState } from "@/lib/server/actions/admin";

export function RoleForm({ userId, role, email }: { userId: string; role: "STUDENT" | "INSTRUCTOR"; email: string }) {
  const t = useTranslations("admin");
  const locale = useLocale();
  const [state, action, pending] = useActionState<AdminActionState, FormData>(setRoleAction.bind(null, locale), { ok: false, message: "" });
  const next = role === "STUDENT" ? "INSTRUCTOR" : "STUDENT";
  const label = t(next === "INSTRUCTOR" ? "promote" : "demote");
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={next} />
      <SubmitButton pending={pending} variant="secondary" label={label} ariaLabel={`${label}: ${email}`} />
      <ActionMessage message={state.message} ok={state.ok} role="status" />
    </form>
  );
}
