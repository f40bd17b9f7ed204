/**
 * A user's mistake or a refused operation, as every service reports it: a code that is a key in
 * the message namespace the error carries (e.g. `quiz.errors.notOpen` in messages/<locale>/quiz.json),
 * values for its placeholders and the HTTP status it stands for. The two wrappers translate it —
 * `withApi` (lib/server/http.ts) into `{ error: { code, message } }` with that status, and
 * `defineAction` (lib/server/action.ts) into `{ ok: false, status, message }` — so no caller
 * maps errors itself. Anything else a service throws is a bug (a logged 500).
 */
export type MessageValues = Record<string, string | number>;

export class DomainError<Code extends string = string> extends Error {
  constructor(
    /** Message namespace the code is a key of, e.g. "quiz.errors". */
    readonly namespace: string,
    readonly code: Code,
    readonly status: number,
    readonly values: MessageValues = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}

/**
 * One service's error class: its namespace and its codes grouped by the HTTP status they stand
 * for (RFC 9110 §15.5: 400 a malformed or invalid request, 403 refused to this user, 404 no such
 * thing, 409 not in the state the operation needs, 413 too large; RFC 6585 §4: 429 too many), e.g.
 *   export const QuizError = domainError("quiz.errors", { 404: ["notFound"], 409: ["closed"] });
 *   throw new QuizError("closed");
 * `statuses` is the same table by code. `instanceof QuizError` still tells the services' errors
 * apart where a caller must.
 */
export function domainError<const ByStatus extends Record<number, readonly string[]>>(namespace: string, byStatus: ByStatus) {
  type Code = { [S in keyof ByStatus]: ByStatus[S] extends readonly (infer C extends string)[] ? C : never }[keyof ByStatus];
  const statuses = {} as Record<Code, number>;
  for (const [status, codes] of Object.entries(byStatus) as [string, readonly Code[]][]) {
    for (const code of codes) {
      if (code in statuses) throw new Error(`${namespace}.${code} is listed under two statuses`);
      statuses[code] = Number(status);
    }
  }
  return class extends DomainError<Code> {
    static readonly statuses: Readonly<Record<Code, number>> = statuses;
    constructor(code: Code, values: MessageValues = {}) {
      super(namespace, code, statuses[code], values);
    }
  };
}
