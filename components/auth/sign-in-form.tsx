"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { refreshSession } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "@/i18n/navigation";
import { callbackTarget } from "@/lib/callback-url";
import { fieldErrors, signInSchema } from "@/lib/validation/auth";

const knownErrors = new Set(["invalidCredentials", "rateLimited", "invalidInput"]);

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    setFormError(null);
    if (!parsed.success) {
      setErrors(Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([f, k]) => [f, t(`errors.${k}`)])));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (!result || result.error) {
        const code = result?.error && knownErrors.has(result.error) ? result.error : "generic";
        setFormError(t(`errors.${code}`));
        return;
      }
      // The header (kept across this client-side navigation) learns who signed in.
      await refreshSession();
      // The locale-aware router adds the language prefix itself (lib/callback-url.ts).
      const target = callbackTarget(callbackUrl);
      router.push(target.path, target.locale ? { locale: target.locale } : undefined);
      router.refresh();
    } catch {
      setFormError(t("errors.generic"));
    } finally {
      setPending(false);
    }
  }

  return (
    // method="post": should the plain form ever be submitted, the password must not end up in the URL.
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" lang={locale === "zh" ? "zh-CN" : "en"}>
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <Field label={t("fields.email")} name="email" type="email" autoComplete="email" required error={errors.email} />
      <Field label={t("fields.password")} name="password" type="password" autoComplete="current-password" required error={errors.password} />
      <Button type="submit" disabled={!hydrated || pending}>
        {pending ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
    </form>
  );
}
