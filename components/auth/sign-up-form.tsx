"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef } from "react";
import { refreshSession } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "@/i18n/navigation";
import { signUpAction, type SignUpState } from "@/lib/server/actions/auth";

const initial: SignUpState = { ok: false, message: "", errors: {} };

export function SignUpForm() {
  const t = useTranslations("auth");
  const locale = useLocale();
  const router = useRouter();
  const [state, action, pending] = useActionState(signUpAction.bind(null, locale), initial);
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const hydrated = useHydrated();

  useEffect(() => {
    if (!state.ok || !credentials.current) return;
    // The account exists now; sign in with the same credentials and go to the dashboard.
    void signIn("credentials", { ...credentials.current, redirect: false }).then(async (result) => {
      // The header (kept across this client-side navigation) learns who signed in.
      await refreshSession();
      router.push(result && !result.error ? "/dashboard" : "/signin");
      router.refresh();
    });
  }, [state, router]);

  return (
    // method="post": should the plain form ever be submitted, the password must not end up in the URL.
    <form
      method="post"
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        // Dispatching the action ourselves (instead of <form action>) keeps what the user typed
        // when validation fails: React resets a form after its own form action runs.
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        credentials.current = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
        startTransition(() => action(form));
      }}
    >
      <Field label={t("fields.name")} name="name" autoComplete="name" required maxLength={80} error={state.errors?.name} />
      <Field label={t("fields.email")} name="email" type="email" autoComplete="email" required error={state.errors?.email} />
      <Field
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t("signUp.passwordHint")}
        error={state.errors?.password}
      />
      {state.message ? (
        <p role="alert" className="text-sm text-bad">
          {state.message}
        </p>
      ) : null}
      <Button type="submit" disabled={!hydrated || pending || state.ok}>
        {pending || state.ok ? t("signUp.submitting") : t("signUp.submit")}
      </Button>
    </form>
  );
}
