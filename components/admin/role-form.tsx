"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { setRoleAction, type AdminActionState } from "@/lib/server/actions/admin";

export function RoleForm({ userId, role, email }: { userId: string; role: "STUDENT" | "INSTRUCTOR"; email: string }) {
  const t = useTranslations("admin");
  const locale = useLocale();
  const [state, action, pending] = useActionState<AdminActionState, FormData>(setRoleAction.bind(null, locale), { ok: false, message: "" });
  const next = role === "STUDENT" ? "INSTRUCTOR" : "STUDENT";
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={next} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`${t(next === "INSTRUCTOR" ? "promote" : "demote")}: ${email}`}>
        {t(next === "INSTRUCTOR" ? "promote" : "demote")}
      </Button>
      {state.message ? (
        <span role="status" className={`text-sm ${state.ok ? "text-ok" : "text-bad"}`}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
