"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { MAX_CARD_SIDE_LENGTH, MAX_TAGS_PER_CARD } from "@/lib/flashcards/deck";
import { AuthError, requireUser } from "../auth";
import { createUserCard, deleteUserCard, updateUserCard, userCardFormSchema } from "../flashcards/cards";
import { FlashcardError } from "../flashcards/errors";
import { domainErrorMessage } from "../http";
import { flashcardSettingsSchema, saveSettings } from "../flashcards/settings";
import { cleanText, idOrEmpty } from "../sanitize";
import { isLocale, type Locale } from "@/lib/core";

/**
 * Flashcard form actions: own cards and settings. Each checks the session itself (an action is
 * a public endpoint), validates with the services' zod schemas, and returns localized messages
 * for a learner's mistakes; the services do the writes.
 */

function lang(locale: string): Locale {
  return isLocale(locale) ? locale : "en";
}

type CardField = "front" | "back" | "tags" | "topic";
export type CardFormValues = { front: string; back: string; tags: string; topic: string };
export type CardFormState = { ok: boolean; message: string; errors?: Partial<Record<CardField, string>>; values?: CardFormValues };

/** A form field as text the database can store (no NUL, no lone surrogates: lib/server/sanitize.ts). */
function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? cleanText(value) : "";
}

async function authMessage(locale: Locale, error: unknown): Promise<string | null> {
  if (!(error instanceof AuthError)) return null;
  const t = await getTranslations({ locale, namespace: "common.api" });
  return t(error.status === 401 ? "unauthenticated" : "forbidden");
}

async function fieldErrors(locale: Locale, issues: z.core.$ZodIssue[]): Promise<Partial<Record<CardField, string>>> {
  const t = await getTranslations({ locale, namespace: "flashcards.cards.fieldErrors" });
  const errors: Partial<Record<CardField, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (field !== "front" && field !== "back" && field !== "tags" && field !== "topic") continue;
    if (errors[field]) continue;
    if (field === "front" || field === "back") {
      errors[field] = issue.code === "too_big" ? t("tooLong", { max: MAX_CARD_SIDE_LENGTH }) : t("required");
    } else if (field === "tags") {
      // An issue on one tag has the tag's index in its path; one on the list is about its length.
      errors.tags = issue.path.length > 1 ? t("badTag") : t("tooManyTags", { max: MAX_TAGS_PER_CARD });
    } else {
      errors.topic = t("badTopic");
    }
  }
  return errors;
}

/** Create (cardId null) or edit one of the learner's own cards; on success, back to the list. */
export async function saveCardAction(locale: string, cardId: string | null, _prev: CardFormState, formData: FormData): Promise<CardFormState> {
  const l = lang(locale);
  const values: CardFormValues = { front: text(formData, "front"), back: text(formData, "back"), tags: text(formData, "tags"), topic: text(formData, "topic") };
  let user;
  try {
    user = await requireUser();
  } catch (error) {
    const message = await authMessage(l, error);
    if (message) return { ok: false, message, values };
    throw error;
  }
  const parsed = userCardFormSchema.safeParse({
    front: values.front,
    back: values.back,
    tags: values.tags.split(/\s+/).filter(Boolean),
    topic: values.topic === "" ? null : values.topic,
  });
  if (!parsed.success) {
    const t = await getTranslations({ locale: l, namespace: "common.api" });
    return { ok: false, message: t("invalidInput"), errors: await fieldErrors(l, parsed.error.issues), values };
  }
  try {
    if (cardId === null) await createUserCard(user.id, parsed.data);
    else await updateUserCard(user.id, idOrEmpty(cardId), parsed.data);
  } catch (error) {
    if (error instanceof FlashcardError) return { ok: false, message: domainErrorMessage(l, error), values };
    throw error;
  }
  revalidatePath(`/${l}/flashcards`, "layout");
  redirect({ href: `/flashcards/cards?saved=${cardId === null ? "created" : "updated"}`, locale: l });
  return { ok: true, message: "" };
}

/** Deletes one of the learner's own cards (its state with it), then back to the list. */
export async function deleteCardAction(locale: string, cardId: string, _formData?: FormData): Promise<void> {
  const l = lang(locale);
  let user;
  try {
    user = await requireUser();
  } catch (error) {
    if (error instanceof AuthError) redirect({ href: "/signin", locale: l });
    throw error;
  }
  try {
    await deleteUserCard(user!.id, idOrEmpty(cardId));
  } catch (error) {
    if (!(error instanceof FlashcardError)) throw error;
    // Already gone (another tab) or never the learner's: the list shows the truth either way.
  }
  revalidatePath(`/${l}/flashcards`, "layout");
  redirect({ href: "/flashcards/cards?saved=deleted", locale: l });
}

export type SettingsFormState = { ok: boolean; message: string };

export async function saveSettingsAction(locale: string, _prev: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const l = lang(locale);
  const t = await getTranslations({ locale: l, namespace: "flashcards.settings" });
  let user;
  try {
    user = await requireUser();
  } catch (error) {
    const message = await authMessage(l, error);
    if (message) return { ok: false, message };
    throw error;
  }
  const num = (name: string) => {
    const raw = text(formData, name).trim();
    return raw === "" ? Number.NaN : Number(raw);
  };
  const parsed = flashcardSettingsSchema.safeParse({
    desiredRetention: num("desiredRetention"),
    newPerDay: num("newPerDay"),
    reviewsPerDay: num("reviewsPerDay"),
  });
  if (!parsed.success) return { ok: false, message: t("invalid") };
  await saveSettings(user.id, parsed.data);
  revalidatePath(`/${l}/flashcards`, "layout");
  return { ok: true, message: t("saved") };
}
