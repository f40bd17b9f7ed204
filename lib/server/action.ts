import { headers } from "next/headers";
import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { DomainError, isLocale, type Locale, type Role } from "@/lib/core";
import { requireUser, type SessionUser } from "./auth";
import { declaredBytes, domainErrorMessage, isCrossOrigin, RequestError, translator, type ApiErrorCode, type Translate } from "./http";
import { cleanText, idOrEmpty } from "./sanitize";

/**
 * The one shape of every server action (docs/architecture.md "Conventions"; issue #13). A server
 * action is a public endpoint: anyone can POST it any arguments — `null` or a string where a
 * FormData is expected, a forged bound id, a huge form — so every rule lives here, once.
 *
 *   const run = defineAction({ role: "INSTRUCTOR", args: [idArg], schema, read }, async ({ user, locale, args, input }) => …);
 *   export async function renameClassAction(locale: string, classId: string, _prev: ActionState, formData: FormData) {
 *     return run(locale, [classId], formData);
 *   }
 *
 * The exported `async function` keeps the signature Next.js, the forms (`.bind(null, locale, id)`)
 * and the tests (tests/integration/access-matrix + fuzz, which list those exports) see.
 *
 * Contract, in this order; every refusal is `{ ok: false, status, message }` with a message in
 * the caller's language (the locale argument, "en" when it is not one), and nothing is written:
 * 1. Origin: a browser request sent by another site → 403 `wrongOrigin` (isCrossOrigin in
 *    lib/server/http.ts, the same rule as withApi).
 * 2. Size: a declared Content-Length above `maxBytes`, or a form whose fields add up to more,
 *    → 413 `tooLarge`. (Next.js also caps action bodies at `serverActions.bodySizeLimit`, 1 MB.)
 * 3. Session and role: `requireUser(role)` → 401 `unauthenticated` / 403 `forbidden`
 *    (role "anyone": no session needed).
 * 4. Shape: every bound argument parses with its `args` schema (ids: `idArg`), and when the action
 *    has a `schema`, its last argument is a FormData whose `read(form)` parses with it → 400
 *    `invalidInput` (or the action's own `invalid` state, e.g. per-field messages).
 * 5. Work. A DomainError it throws (a service's QuizError…, AuthError) → `{ ok: false, status,
 *    message }` with its localized message. Anything else propagates: Next's redirect()/notFound()
 *    signals, and bugs (a bug must be loud, not a polite message).
 * `refusedTo` turns refusals into redirects, for actions used as a plain `<form action>` that
 * has no state to show.
 */

export type ActionState = {
  ok: boolean;
  message: string;
  /** The HTTP status a refusal stands for (400, 401, 403, 404, 409, 413, 429…). */
  status?: number;
  /** Per-field (or per-line) messages. */
  errors?: Record<string, string>;
  /** The field to focus. */
  field?: string;
  /** What the user typed, sent back with a refusal so the form keeps it. */
  values?: Record<string, string>;
};

/** The largest form an action takes unless it says otherwise. */
export const DEFAULT_MAX_ACTION_BYTES = 256 * 1024;

/** A bound id: id-shaped (lib/server/sanitize.ts) or "", which names no row (the service's "not found"). */
export const idArg = z.custom<string>(() => true).transform((v) => idOrEmpty(v));
/** A bound id or null (null: "create" rather than "edit"). */
export const optionalIdArg = z.custom<string | null>(() => true).transform((v) => (v === null ? null : idOrEmpty(v)));

/** A form's fields as text the database can store (cleanText): the first value of each name. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? cleanText(value) : "";
}

/** Every text field of a form by name (first value), cleaned; files are left out. */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && !(name in out)) out[name] = cleanText(value);
  return out;
}

/** Bytes a form holds: names, UTF-8 text and file sizes. */
function formBytes(form: FormData): number {
  let n = 0;
  for (const [name, value] of form.entries()) n += Buffer.byteLength(name) + (typeof value === "string" ? Buffer.byteLength(value) : value.size);
  return n;
}

type ArgsOf<A extends readonly z.ZodType[]> = { [K in keyof A]: z.output<A[K]> };

export type ActionSpec<A extends readonly z.ZodType[], S extends z.ZodType | undefined> = {
  /** The least role that may act; "anyone" for actions open to visitors (sign-up). */
  role: Role | "anyone";
  /** Schemas of the bound arguments after the locale, in order. */
  args?: A;
  /** The form's schema (implies `form`). */
  schema?: S;
  /** The action takes a form: its last argument must be a FormData (implied by `schema`). */
  form?: boolean;
  /** What `schema` parses, read from the form and the parsed bound arguments (default: formFields). */
  read?: (form: FormData, args: ArgsOf<A>) => unknown;
  /** The state for a form that fails `schema` (default: 400 `common.api.invalidInput`). */
  invalid?: (error: z.ZodError, locale: Locale, form: FormData) => ActionState;
  /** Fields every refusal carries back (e.g. what the user typed, so the form keeps it). */
  echo?: (form: FormData) => Partial<ActionState>;
  maxBytes?: number;
  /** For a plain `<form action>`: redirect refusals (to sign-in when unauthenticated) instead of returning them. */
  refusedTo?: { unauthenticated: string; otherwise: string };
};

export type ActionContext<A extends readonly z.ZodType[], S extends z.ZodType | undefined> = {
  /** Null only for role "anyone". */
  user: SessionUser;
  locale: Locale;
  args: ArgsOf<A>;
  input: S extends z.ZodType ? z.output<S> : undefined;
  /** The raw form (a FormData, empty when none was sent), for fields outside the schema such as files. */
  form: FormData;
  /** A translator for `namespace` in the caller's language. */
  t: (namespace?: string) => Translate;
};

function refusal(locale: Locale, code: ApiErrorCode, values: Record<string, string | number> = {}): ActionState {
  const error = new RequestError(code, values);
  return { ok: false, status: error.status, message: domainErrorMessage(locale, error) };
}

export function defineAction<const A extends readonly z.ZodType[] = [], S extends z.ZodType | undefined = undefined>(
  spec: ActionSpec<A, S>,
  work: (ctx: ActionContext<A, S>) => Promise<ActionState>,
): (locale: unknown, args: readonly unknown[], form?: unknown) => Promise<ActionState> {
  const maxBytes = spec.maxBytes ?? DEFAULT_MAX_ACTION_BYTES;
  const argSchemas = (spec.args ?? []) as readonly z.ZodType[];
  return async (rawLocale, rawArgs, rawForm) => {
    const locale: Locale = isLocale(rawLocale) ? rawLocale : "en";
    const form = rawForm instanceof FormData ? rawForm : new FormData();
    const refuse = (state: ActionState): ActionState => {
      if (spec.refusedTo) redirect({ href: state.status === 401 ? spec.refusedTo.unauthenticated : spec.refusedTo.otherwise, locale });
      return { ...state, ...spec.echo?.(form) };
    };
    const h = await headers();
    if (isCrossOrigin(h)) return refuse(refusal(locale, "wrongOrigin"));
    if (declaredBytes(h) > maxBytes || formBytes(form) > maxBytes) return refuse(refusal(locale, "tooLarge", { limit: maxBytes }));
    try {
      const user = spec.role === "anyone" ? (null as unknown as SessionUser) : await requireUser(spec.role);
      const args: unknown[] = [];
      for (const [i, schema] of argSchemas.entries()) {
        const parsed = schema.safeParse(rawArgs[i]);
        if (!parsed.success) return refuse(refusal(locale, "invalidInput"));
        args.push(parsed.data);
      }
      if ((spec.form || spec.schema) && !(rawForm instanceof FormData)) return refuse(refusal(locale, "invalidInput"));
      let input: unknown = undefined;
      if (spec.schema) {
        const parsed = spec.schema.safeParse(spec.read ? spec.read(form, args as ArgsOf<A>) : formFields(form));
        if (!parsed.success) return spec.invalid ? { ...spec.invalid(parsed.error, locale, form), ...spec.echo?.(form) } : refuse(refusal(locale, "invalidInput"));
        input = parsed.data;
      }
      const t = (namespace = "common.api") => translator(locale, namespace);
      return await work({ user, locale, args: args as ArgsOf<A>, input: input as ActionContext<A, S>["input"], form, t });
    } catch (error) {
      if (error instanceof DomainError) return refuse({ ok: false, status: error.status, message: domainErrorMessage(locale, error) });
      throw error;
    }
  };
}
