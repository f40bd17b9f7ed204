"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, type ActionState } from "../action";
import { db } from "../db";
import { setUserRole } from "../users";

const setRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(["STUDENT", "INSTRUCTOR"]),
});

export type AdminActionState = ActionState;

const setRole = defineAction({ role: "ADMIN", schema: setRoleSchema }, async ({ input, locale, t }) => {
  const target = await db.user.findUnique({ where: { id: input.userId }, select: { email: true, role: true } });
  if (!target) return { ok: false, status: 404, message: t("admin")("userNotFound") };
  if (target.role === "ADMIN") return { ok: false, status: 409, message: t("admin")("cannotChangeAdmin") };
  await setUserRole(input.userId, input.role);
  revalidatePath(`/${locale}/admin`);
  return { ok: true, message: t("admin")(input.role === "INSTRUCTOR" ? "promoted" : "demoted", { email: target.email }) };
});

/** Promote a user to instructor or back to student. Admins' roles are not changed here. */
export async function setRoleAction(locale: string, _prev: AdminActionState, formData: FormData): Promise<AdminActionState> {
  return setRole(locale, [], formData);
}
