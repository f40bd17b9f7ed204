import { z } from "zod";

/**
 * Error messages are message keys under `auth.errors` (messages/<locale>/auth.json), so the
 * same schema yields a localized message on the server and in the browser.
 */
export const emailSchema = z
  .string({ error: "emailRequired" })
  .trim()
  .toLowerCase()
  .min(1, { error: "emailRequired" })
  .max(254, { error: "emailInvalid" })
  .pipe(z.email({ error: "emailInvalid" }));

// NIST SP 800-63B §5.1.1.2: at least 8 characters, allow long passphrases, no composition rules.
// The upper bound keeps hashing cheap and bodies small.
export const newPasswordSchema = z
  .string({ error: "passwordRequired" })
  .min(10, { error: "passwordTooShort" })
  .max(128, { error: "passwordTooLong" })
  .refine((p) => new Set(p).size >= 4, { error: "passwordTooSimple" });

export const signUpSchema = z.object({
  name: z.string({ error: "nameRequired" }).trim().min(1, { error: "nameRequired" }).max(80, { error: "nameTooLong" }),
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "passwordRequired" }).min(1, { error: "passwordRequired" }).max(128, { error: "passwordTooLong" }),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Field → first message key, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
