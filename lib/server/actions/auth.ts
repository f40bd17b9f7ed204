"use server";

import { getTranslations } from "next-intl/server";
import { fieldErrors, signUpSchema } from "@/lib/validation/auth";
import { cleanText } from "../sanitize";
import { createUser, EmailTakenError } from "../users";
import { isLocale } from "@/lib/core";

export type SignUpState = { ok: boolean; errors: Record<string, string> };

/** Server action shape (docs/architecture.md): validate → database → { errors, message }. */
export async function signUpAction(locale: string, _prev: SignUpState, formData: FormData): Promise<SignUpState> {
  const t = await getTranslations({ locale: isLocale(locale) ? locale : "en", namespace: "auth.errors" });
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? cleanText(value) : undefined;
  };
  const parsed = signUpSchema.safeParse({ name: field("name"), email: field("email"), password: field("password") });
  if (!parsed.success) {
    const keys = fieldErrors(parsed.error);
    return { ok: false, errors: Object.fromEntries(Object.entries(keys).map(([f, k]) => [f, t(k)])) };
  }
  try {
    await createUser({ ...parsed.data, locale: isLocale(locale) ? locale : "en" });
    return { ok: true, errors: {} };
  } catch (error) {
    if (error instanceof EmailTakenError) return { ok: false, errors: { email: t("emailTaken") } };
    throw error;
  }
}
