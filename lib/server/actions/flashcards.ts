"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { redirect } from "@/i18n/navigation";
import type { Locale } from "@/lib/core";
import { MAX_CARD_SIDE_LENGTH, MAX_TAGS_PER_CARD } from "@/lib/flashcards/deck";
import { defineAction, formText, idArg, optionalIdArg, type ActionState } from "../action";
import { createUserCard, deleteUserCard, updateUserCard, userCardFormSchema } from "../flashcards/cards";
import { FlashcardError } from "../flashcards/errors";
import { flashcardSettingsSchema, saveSettings } from "../flashcards/settings";
import { translator } from "../http";

/**
 * Flashcard form actions: own cards and settings, through defineAction (lib/server/action.ts):
 * session, validation and error messages live there; the services do the writes.
 */

type CardField = "front" | "back" | "tags" | "topic";
export type CardFormValues = { front: string; back: string; tags: string; topic: string };
export type CardFormState = ActionState;

function fieldErrors(locale: Locale, issues: readonly z.core.$ZodIssue[]): Partial<Record<CardField, string>> {
  const t = translator(locale, "flashcards.cards.fieldErrors");
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

/** What the learner typed, sent back with every refusal so the form keeps it. */
function cardValues(form: FormData): CardFormValues {
  return { front: formText(form, "front"), back: formText(form, "back"), tags: formText(form, "tags"), topic: formText(form, "topic") };
}

const saveCardRun = defineAction(
  {
    role: "STUDENT",
    args: [optionalIdArg],
    schema: userCardFormSchema,
    read: (form) => {
      const v = cardValues(form);
      return { front: v.front, back: v.back, tags: v.tags.split(/\s+/).filter(Boolean), topic: v.topic === "" ? null : v.topic };
    },
    invalid: (error, locale) => ({ ok: false, status: 400, message: translator(locale)("invalidInput"), errors: fieldErrors(locale, error.issues) }),
    echo: (form) => ({ values: cardValues(form) }),
  },
  async ({ user, locale, args: [cardId], input }) => {
    if (cardId === null) await createUserCard(user.id, input);
    else await updateUserCard(user.id, cardId, input);
    revalidatePath(`/${locale}/flashcards`, "layout");
    redirect({ href: `/flashcards/cards?saved=${cardId === null ? "created" : "updated"}`, locale });
    return { ok: true, message: "" };
  },
);

/** Create (cardId null) or edit one of the learner's own cards; on success, back to the list. */
export async function saveCardAction(locale: string, cardId: string | null, _prev: CardFormState, formData: FormData): Promise<CardFormState> {
  return saveCardRun(locale, [cardId], formData);
}

const deleteCardRun = defineAction(
  // A plain <form action>: refusals go to sign-in or back to the list.
  { role: "STUDENT", args: [idArg], refusedTo: { unauthenticated: "/signin", otherwise: "/flashcards/cards" } },
  async ({ user, locale, args: [cardId] }) => {
    try {
      await deleteUserCard(user.id, cardId);
    } catch (error) {
      if (!(error instanceof FlashcardError)) throw error;
      // Already gone (another tab) or never the learner's: the list shows the truth either way.
    }
    revalidatePath(`/${locale}/flashcards`, "layout");
    redirect({ href: "/flashcards/cards?saved=deleted", locale });
    return { ok: true, message: "" };
  },
);

/** Deletes one of the learner's own cards (its state with it), then back to the list. */
export async function deleteCardAction(locale: string, cardId: string, _formData?: FormData): Promise<void> {
  await deleteCardRun(locale, [cardId]);
}

export type SettingsFormState = ActionState;

const num = (form: FormData, name: string) => {
  const raw = formText(form, name).trim();
  return raw === "" ? Number.NaN : Number(raw);
};

const saveSettingsRun = defineAction(
  {
    role: "STUDENT",
    schema: flashcardSettingsSchema,
    read: (form) => ({ desiredRetention: num(form, "desiredRetention"), newPerDay: num(form, "newPerDay"), reviewsPerDay: num(form, "reviewsPerDay") }),
    invalid: (_error, locale) => ({ ok: false, status: 400, message: translator(locale, "flashcards.settings")("invalid") }),
  },
  async ({ user, locale, input, t }) => {
    await saveSettings(user.id, input);
    revalidatePath(`/${locale}/flashcards`, "layout");
    return { ok: true, message: t("flashcards.settings")("saved") };
  },
);

export async function saveSettingsAction(locale: string, _prev: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  return saveSettingsRun(locale, [], formData);
}
