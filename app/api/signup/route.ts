import { createLimiter } from "@/lib/server/rate-limit";
import { apiError, readJson, requestLocale, translator, withApi } from "@/lib/server/http";
import { createUser, EmailTakenError } from "@/lib/server/users";
import { clientIp } from "@/lib/server/auth";
import { signUpSchema } from "@/lib/validation/auth";

// Sign-ups per IP per hour: generous for classrooms behind one NAT, a brake on scripted abuse.
const limitSignUp = createLimiter("signup-ip", 100, 60 * 60, { onFailure: "deny" });

/** JSON sign-up (the form uses a server action with the same schema and service). */
export const POST = withApi(async (request: Request) => {
  const locale = requestLocale(request);
  const limit = await limitSignUp(clientIp(request.headers));
  if (!limit.ok) return apiError(locale, "rateLimited", { values: { seconds: limit.retryAfterSeconds } });
  const body = await readJson(request, signUpSchema, 4 * 1024, { issueNamespace: "auth.errors" });
  if (!body.ok) return body.response;
  try {
    const user = await createUser({ ...body.data, locale });
    return Response.json({ user: { id: user.id, email: user.email, name: user.name } }, { status: 201 });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return apiError(locale, "conflict", { message: translator(locale, "auth.errors")("emailTaken"), issues: [{ path: "email", message: translator(locale, "auth.errors")("emailTaken") }] });
    }
    throw error;
  }
});
