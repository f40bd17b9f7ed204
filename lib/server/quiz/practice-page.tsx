import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { headerContent } from "@/components/layout/header-parts";
import { siteFrameLabels } from "@/components/layout/site-frame";
import type { PracticePageProps, PracticeQuestion } from "@/components/quiz/practice-view";
import { PromptParts, ResultParts, toClientInputs, type QuestionTranslators } from "@/components/quiz/question-card";
import { loadMessages } from "@/i18n/messages";
import { localePath } from "@/i18n/routing";
import type { Translator } from "@/i18n/translator";
import { getTopic, topicIdSchema } from "@/lib/content/topics";
import { isLocale, type Locale } from "@/lib/core";
import { clampDifficulty } from "@/lib/quiz/adaptive";
import { FAMILY_IDS, type FamilyId } from "@/lib/scenarios/types";
import { MISSED_BELOW, relatedRefs } from "@/lib/server/flashcards/missed";
import { isDatabaseDown } from "@/lib/server/db-health";
import type { SessionUser } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { authSecret, sameVersion, sessionToken } from "@/lib/server/session-token";
import { isId } from "./sanitize";
import { getScenarioFamily } from "./families";
import { openPracticeVariant, practicePath, topicCandidates, type PracticeScope } from "./practice";
import { readStoredParams, readStoredResult, type StoredParams } from "./types";
import { topicName } from "./variants";

/**
 * The practice question pages' server side (pages/[locale]/practice/…, issue #16): what the App
 * Router's pages and the (learn) layout's guard did, as getServerSideProps. The pages render
 * through the Pages Router because a variant's first view through the App Router cost ≈ 25 ms
 * of CPU, most of it the RSC render and its streams (README, "Issue #16"); here the parts only
 * the server may see — the prompt with its diagram cut before the asked part, and after grading
 * the feedback and the whole run — are rendered once to HTML (react-dom/server), and the page
 * props carry that HTML and the prompt's inputs, nothing else of the stored variant.
 */

export type Which = { kind: "family" } | { kind: "topic" } | { kind: "adaptive" };
type Row = { id: string; params: unknown; feedback: unknown; submittedAt: Date | string | null; source: string; ref: string; topic: string; origin: string };
type Result = GetServerSidePropsResult<PracticePageProps>;

/**
 * What every practice page in one language shows around its question — translators, the site
 * frame and header, the description, the `quiz` messages of the answer form — made once per
 * language (next-intl's createTranslator, as the lesson pages use) rather than on each request.
 * Shared by every page's props, which nothing modifies.
 */
type LocaleText = {
  practice: Translator;
  question: QuestionTranslators;
  shell: Pick<PracticePageProps, "frame" | "header" | "messages"> & { description: string; back: PracticePageProps["page"]["back"] };
};
const localeTexts = new Map<Locale, LocaleText>();
function localeText(locale: Locale): LocaleText {
  let hit = localeTexts.get(locale);
  if (!hit) {
    const messages = loadMessages(locale);
    const t = (namespace: string) => createTranslator({ locale, messages, namespace }) as Translator;
    const common = t("common");
    const practice = t("quiz.practice");
    hit = {
      practice,
      question: { quiz: t("quiz"), figure: t("sim.figure") },
      shell: {
        frame: siteFrameLabels(common),
        // JSON only: the header's nav items leave `role` out rather than undefined.
        header: JSON.parse(JSON.stringify(headerContent(locale, common))) as PracticePageProps["header"],
        messages: { quiz: messages.quiz as AbstractIntlMessages },
        description: t("home")("metaDescription"),
        back: { href: localePath(locale, "/practice"), label: practice("back") },
      },
    };
    localeTexts.set(locale, hit);
  }
  return hit;
}

/** A page's props: its language's shell around the page's own title and body. */
export function pageProps(locale: Locale, page: { title: string; intro: string }, body: Pick<PracticePageProps, "question" | "unavailable" | "level" | "cards" | "buttons">): PracticePageProps {
  const { frame, header, messages, description, back } = localeText(locale).shell;
  return { locale, head: { title: page.title, description }, frame, header, page: { ...page, back }, messages, ...body };
}

function firstString(v: string | string[] | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** The difficulty a variant was asked at: a family's config, an authored question's own level. */
function difficultyOf(params: StoredParams): number {
  return clampDifficulty(params.kind === "family" ? params.config?.difficulty : params.question.difficulty);
}

type ViewerRow = { id: string; email: string; name: string; role: SessionUser["role"]; sessionVersion: number | bigint; qId: string | null } & Omit<Row, "id">;

/**
 * The signed-in user and the practice row asked for, in one statement: what getCurrentUser
 * (lib/server/auth.ts: the session cookie, its version current) and getPracticeRow
 * (./practice.ts: the caller's own row, never a quiz question) decide, without a model query,
 * whose plan Prisma compiles in WebAssembly on each call (≈ 1 ms of a first view, issue #16).
 */
async function viewerAndRow(cookies: Record<string, string>, secret: string, v: string | undefined): Promise<{ user: SessionUser; row: Row | null } | null> {
  const token = await sessionToken(cookies, secret);
  const uid = typeof token?.uid === "string" ? token.uid : undefined;
  if (!uid) return null;
  const rowId = isId(v) ? v : "";
  const [r] = await db.$queryRaw<ViewerRow[]>`
    SELECT u."id", u."email", u."name", u."role", u."sessionVersion",
      q."id" AS "qId", q."params", q."feedback", q."submittedAt", q."source", q."ref", q."topic", q."origin"
    FROM "User" u LEFT JOIN "QuestionAttempt" q ON q."id" = ${rowId} AND q."userId" = u."id" AND q."quizAttemptId" IS NULL
    WHERE u."id" = ${uid}`;
  if (!r || !sameVersion(r, token!)) return null;
  const user: SessionUser = { id: r.id, email: r.email, name: r.name, role: r.role };
  const row: Row | null = r.qId
    ? { id: r.qId, params: r.params, feedback: r.feedback, submittedAt: r.submittedAt, source: r.source, ref: r.ref, topic: r.topic, origin: r.origin }
    : null;
  return { user, row };
}

function redirectTo(locale: Locale, path: string): Result {
  return { redirect: { destination: localePath(locale, path), permanent: false } };
}

/** What a practice page's server side reads of its request (Next's GetServerSidePropsContext, or scripts/serve.ts's own request). */
export type PracticeRequest = {
  params: Record<string, string | string[] | undefined>;
  query: Record<string, string | string[] | undefined>;
  cookies: Record<string, string>;
};

/**
 * getServerSideProps of the three practice pages. With the database unreachable it redirects
 * to the page's own URL, which proxy.ts then answers with the 503 page (as App Router pages do,
 * lib/server/db-outage.ts); getServerSideProps could set the status, but not render that page.
 */
export async function practicePageProps(context: GetServerSidePropsContext, which: Which): Promise<Result> {
  const cookies = Object.fromEntries(Object.entries(context.req.cookies).filter((e): e is [string, string] => typeof e[1] === "string"));
  try {
    // With `open: true`, load makes the variant a page needs and never returns null.
    return (await load({ params: context.params ?? {}, query: context.query, cookies }, which, { open: true }))!;
  } catch (error) {
    if (isDatabaseDown(error)) return { redirect: { destination: context.resolvedUrl, permanent: false } };
    throw error;
  }
}

/**
 * The props of a page that shows a question the request already names (`?v=`, the user's own
 * row of this page), or null for anything else: a redirect, a page not found, a variant to make.
 * For lib/server/practice-template.ts, which renders only what it can render exactly as Next
 * would, and sends everything else — before any side effect — to Next. Errors propagate.
 */
export async function shownPracticeProps(request: PracticeRequest, which: Which): Promise<PracticePageProps | null> {
  const result = await load(request, which, { open: false });
  return result && "props" in result ? await result.props : null;
}

/** `open: false` returns null where the page would make a variant (and redirect to it). */
async function load({ params: routeParams, query, cookies }: PracticeRequest, which: Which, { open }: { open: boolean }): Promise<Result | null> {
  const locale = firstString(routeParams.locale);
  if (!isLocale(locale)) return { notFound: true };
  // The (learn) layout's guard: every signed-in role may practise.
  const secret = authSecret();
  const v = firstString(query.v);
  const viewer = secret ? await viewerAndRow(cookies, secret, v) : null;
  if (!viewer) return redirectTo(locale, "/signin");
  const { user } = viewer;
  const { practice, question: qt } = localeText(locale);

  let scope: PracticeScope;
  let title: string;
  let intro: string;
  let belongs: (row: Row) => boolean;
  if (which.kind === "family") {
    const param = firstString(routeParams.family) ?? "";
    if (!(FAMILY_IDS as readonly string[]).includes(param)) return { notFound: true };
    const id = param as FamilyId;
    const family = getScenarioFamily(id);
    if (!family) return { props: pageProps(locale, { title: practice("title"), intro: "" }, { question: null, unavailable: practice("familyUnavailable"), level: "", cards: null, buttons: null }) };
    scope = { kind: "family", family: id };
    title = family.title[locale];
    intro = family.description[locale];
    belongs = (row) => row.source === "family" && row.ref === id;
  } else if (which.kind === "topic") {
    const parsed = topicIdSchema.safeParse(routeParams.topic);
    if (!parsed.success || topicCandidates(parsed.data).length === 0) return { notFound: true };
    const topic = parsed.data;
    scope = { kind: "topic", topic };
    title = practice("topicTitle", { topic: getTopic(topic).name[locale] });
    intro = practice("topicIntro");
    belongs = (row) => row.topic === topic;
  } else {
    scope = { kind: "adaptive" };
    title = practice("adaptiveTitle");
    intro = practice("adaptiveIntro");
    belongs = (row) => row.origin === "practice";
  }
  const { row } = viewer;
  if (!row || !belongs(row)) {
    if (!open) return null;
    return redirectTo(locale, `${practicePath(scope)}?v=${encodeURIComponent(await openPracticeVariant(user, scope))}`);
  }

  const params = readStoredParams(row.params);
  const result = row.submittedAt ? readStoredResult(row.feedback) : null;
  const promptHtml = renderToStaticMarkup(<PromptParts prompt={params.prompt} locale={locale} t={qt} />);
  const question: PracticeQuestion = result
    ? { id: row.id, promptHtml, state: "graded", verdict: { correct: result.correct, score: result.score }, resultHtml: renderToStaticMarkup(<ResultParts prompt={params.prompt} result={result} locale={locale} t={qt} />) }
    : { id: row.id, promptHtml, state: "open", inputs: toClientInputs(params.prompt.inputs, locale), submitLabel: practice("check") };
  const cards = result && result.score < MISSED_BELOW ? relatedRefs(row).length : 0;
  const canVary = params.kind === "family" || row.source === "bank";
  return {
    props: pageProps(locale, { title, intro }, {
      question,
      unavailable: null,
      level: practice("level", { topic: topicName(row.topic, locale), difficulty: difficultyOf(params) }),
      cards: cards > 0 ? { text: practice("cardsQueued", { count: cards }), linkHref: localePath(locale, "/flashcards"), linkLabel: practice("reviewNow") } : null,
      buttons: {
        fields: { locale, scope: scope.kind, ...(scope.kind === "family" ? { family: scope.family } : scope.kind === "topic" ? { topic: scope.topic } : {}), id: row.id },
        next: result ? practice("next") : practice("skip"),
        nextPrimary: result !== null,
        variant: canVary ? practice("newVariant") : null,
      },
    }),
  };
}
