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
 * One service's error class: its namespace and the status of each code, e.g.
 *   export const QuizError = domainError("quiz.errors", { notFound: 404, closed: 409 });
 *   throw new QuizError("closed");
 * `instanceof QuizError` still tells the services' errors apart where a caller must.
 */
export function domainError<const Statuses extends Record<string, number>>(namespace: string, statuses: Statuses) {
  type Code = Extract<keyof Statuses, string>;
  return class extends DomainError<Code> {
    static readonly statuses = statuses;
    constructor(code: Code, values: MessageValues = {}) {
      super(namespace, code, statuses[code]!, values);
    }
  };
}
