import { forbidden, redirect } from "next/navigation";
import type { Role } from "./db";
import { getCurrentUser, hasRole, type SessionUser } from "./auth";

/**
 * For route-group layouts and pages: anonymous visitors go to sign-in, a signed-in user without
 * the role gets the 403 page. Actions and route handlers check again with requireUser().
 */
export async function guardPage(locale: string, atLeast: Role = "STUDENT"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/${locale}/signin`);
  if (!hasRole(user, atLeast)) forbidden();
  return user;
}
