"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AuthError, requireUser } from "../auth";
import { db } from "../db";
import { isLocale } from "@/lib/core";

const setRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(["STUDENT", "INSTRUCTOR"]),
});

export type AdminActionState = { ok: boolean; message: string };

/** Promote a user to instructor or back to student. Admins' roles are not changed here. */
export async function setRoleAction(locale: string, _prev: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const lang = isLocale(locale) ? locale : "en";
  const t = await getTranslations({ locale: lang, namespace: "admin" });
  const tc = await getTranslations({ locale: lang, namespace: "common.api" });
  try {
    await requireUser("ADMIN");
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, message: tc(error.status === 401 ? "unauthenticated" : "forbidden") };
    throw error;
  }
  const parsed = setRoleSchema.safeParse({ userId: formData.get("userId"), role: formData.get("role") });
  if (!parsed.success) return { ok: false, message: tc("invalidInput") };
  const target = await db.user.findUnique({ where: { id: parsed.data.userId }, select: { email: true, role: true } });
  if (!target) return { ok: false, message: t("userNotFound") };
  if (target.role === "ADMIN") return { ok: false, message: t("cannotChangeAdmin") };
  await db.user.update({ where: { id: parsed.data.userId }, data: { role: parsed.data.role } });
  revalidatePath(`/${lang}/admin`);
  return { ok: true, message: t(parsed.data.role === "INSTRUCTOR" ? "promoted" : "demoted", { email: target.email }) };
}
