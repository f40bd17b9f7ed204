/**
 * The result shape every quiz server action returns for a user's mistake (docs/architecture.md):
 * a localized message and, for forms, per-field messages. Kept outside the "use server" files,
 * which may only export async functions.
 */
export type ActionState = { ok: boolean; message: string; errors?: Record<string, string> };

export const initialActionState: ActionState = { ok: false, message: "" };
