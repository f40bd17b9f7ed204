"use server";

import { fieldErrors, signUpSchema } from "@/lib/validation/auth";
import { defineAction, type ActionState } from "../action";
import { translator } from "../http";
import { createUser, EmailTakenError } from "../users";

export type SignUpState = ActionState;

const signUpRun = defineAction(
  {
    role: "anyone",
    schema: signUpSchema,
    invalid: (error, locale) => {
      const t = translator(locale, "auth.errors");
      return { ok: false, status: 400, message: "", errors: Object.fromEntries(Object.entries(fieldErrors(error)).map(([f, k]) => [f, t(k)])) };
    },
  },
  async ({ input, locale }): Promise<ActionState> => {
    try {
      await createUser({ ...input, locale });
      return { ok: true, message: "", errors: {} };
    } catch (error) {
      if (error instanceof EmailTakenError) return { ok: false, status: 409, message: "", errors: { email: translator(locale, "auth.errors")("emailTaken") } };
      throw error;
    }
  },
);

/** Sign-up (docs/architecture.md action shape, through defineAction): validate → database → per-field errors. */
export async function signUpAction(locale: string, _prev: SignUpState, formData: FormData): Promise<SignUpState> {
  return signUpRun(locale, [], formData);
}
