import {
  parse as parseGiftText,
  type GIFTQuestion,
  type MultipleChoice,
  type Numerical,
  type NumericalFormat,
  type ShortAnswer,
  type TextFormat,
  type TrueFalse,
} from "gift-pegjs";
import {
  assertNever,
  authoredQuestionSchema,
  CHOICE_LETTERS,
  type AuthoredQuestion,
  type AuthoredQuestionInput,
  type Choice,
} from "@/lib/content/questions";
import { getTopic, lessonRefSchema, misconceptionIdSchema, topicIdSchema, type TopicId } from "@/lib/content/topics";
import type { Locale, Localized } from "@/lib/core";

/**
 * Moodle GIFT import/export for authored questions, so instructors can bring questions in from
 * Moodle and take them back out. @see https://docs.moodle.org/en/GIFT_format
 *
 * A GIFT file holds one language. Export writes one locale; import fills both locales with the
 * imported text (a warning says so) and `mergeGiftTranslation` takes the other language from a
 * second file with the same ids, so en.gift + zh.gift round-trip the whole bilingual question.
 *
 * Mapping (kind ↔ GIFT):
 * - single   ↔ `{=right ~wrong ~wrong}`
 * - multiple ↔ `{~%50%right ~%50%right ~%-50%wrong}`: each correct option is worth 100/k % and
 *   each wrong one −100/k %, which is exactly gradeAuthored's (correct − wrong)/k rule.
 * - numeric  ↔ `{#value:tolerance}`; the unit travels as a `[tag:unit:…]`.
 * - text     ↔ short answer `{=a =b}`.
 * - ordering has no GIFT type: it is skipped on export and reported in `skipped`.
 * Metadata GIFT has no field for (topic, difficulty, lesson, misconception, unit) is written as
 * Moodle tags in the comment before each question (`// [id:…] [tag:topic:handshake] …`), which
 * Moodle keeps as question tags and this importer reads back.
 */

export type GiftIssue = {
  line?: number;
  column?: number;
  questionId?: string;
  message: Localized;
};

export type GiftExport = { text: string; exported: number; skipped: GiftIssue[] };

export type GiftImport =
  | { ok: true; questions: AuthoredQuestion[]; warnings: GiftIssue[] }
  | { ok: false; errors: GiftIssue[]; warnings: GiftIssue[] };

export type GiftImportOptions = {
  /** Topic for questions without a `topic:` tag or a `$CATEGORY:` naming a topic. */
  defaultTopic?: TopicId;
  /** Upper bound on the input size (characters); imports are user uploads. */
  maxLength?: number;
};

const TAG_PREFIX = { topic: "topic:", difficulty: "difficulty:", lesson: "lesson:", misconception: "misconception:", unit: "unit:" };
const DEFAULT_MAX_LENGTH = 1_000_000;

/** Escapes GIFT's special characters (~ = # { } :), the escape character itself and newlines. */
export function escapeGift(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/[~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, "\\n");
}

/** Tags end at `]` and may not hold control characters. */
function tagValue(s: string): string {
  return s.replace(/[\]\u0000-\u001f\u007f]/g, " ").trim();
}

function formatWeight(w: number): string {
  // Moodle accepts only its fixed list of grade fractions (50, 33.33333, 25, 20, 16.66667, …);
  // 100/k rounded to 5 decimals is on that list for k ≤ 10.
  return String(Number(w.toFixed(5)));
}

/**
 * An answer containing "->" makes GIFT read the question as a matching question (and our
 * parser reject it), and GIFT has no escape for it; write an arrow instead.
 */
function answerText(s: string, issues: GiftIssue[], questionId: string): string {
  if (!s.includes("->")) return escapeGift(s);
  issues.push({
    questionId,
    message: {
      en: `${questionId}: "->" in an answer was written as "→" (GIFT reads "->" as a matching pair).`,
      zh: `${questionId}：答案中的 "->" 已写成 "→"（GIFT 会把 "->" 当作匹配题）。`,
    },
  });
  return escapeGift(s.replace(/->/g, "→"));
}

export function toGift(questions: readonly AuthoredQuestion[], locale: Locale): GiftExport {
  const blocks: string[] = [
    `// tcplab authored questions (${locale}). Moodle GIFT format: https://docs.moodle.org/en/GIFT_format`,
  ];
  const skipped: GiftIssue[] = [];
  const notes: GiftIssue[] = [];
  let exported = 0;
  for (const q of questions) {
    if (q.kind === "ordering") {
      skipped.push({
        questionId: q.id,
        message: {
          en: `${q.id}: ordering questions have no GIFT equivalent and were not exported.`,
          zh: `${q.id}：GIFT 没有排序题类型，该题未导出。`,
        },
      });
      blocks.push(`// ${q.id}: ordering question skipped (GIFT has no ordering type)`);
      continue;
    }
    const tags = [
      `[id:${tagValue(q.id)}]`,
      `[tag:${TAG_PREFIX.topic}${q.topic}]`,
      `[tag:${TAG_PREFIX.difficulty}${q.difficulty}]`,
      `[tag:${TAG_PREFIX.lesson}${tagValue(q.lesson)}]`,
    ];
    if (q.misconception) tags.push(`[tag:${TAG_PREFIX.misconception}${q.misconception}]`);
    if (q.kind === "numeric" && q.answer.unit) tags.push(`[tag:${TAG_PREFIX.unit}${tagValue(q.answer.unit[locale])}]`);

    const lines = [`// ${tags.join(" ")}`, `::${escapeGift(q.id)}::[markdown]${escapeGift(q.prompt[locale])}{`];
    switch (q.kind) {
      case "single":
        for (const c of q.choices) lines.push(`${c.id === q.answer ? "=" : "~"}${answerText(c[locale], notes, q.id)}`);
        break;
      case "multiple": {
        const k = q.answer.length;
        for (const c of q.choices) {
          const w = q.answer.includes(c.id) ? 100 / k : -100 / k;
          lines.push(`~%${formatWeight(w)}%${answerText(c[locale], notes, q.id)}`);
        }
        break;
      }
      case "numeric":
        lines.push(`#${q.answer.value}:${q.answer.tolerance}`);
        break;
      case "text":
        for (const a of q.answer.accept[locale]) lines.push(`=${answerText(a, notes, q.id)}`);
        break;
      default:
        assertNever(q);
    }
    lines.push(`####${escapeGift(q.explanation[locale])}`, "}");
    blocks.push(lines.join("\n"));
    exported += 1;
  }
  return { text: `${blocks.join("\n\n")}\n`, exported, skipped: [...skipped, ...notes] };
}

/** 1-based first line of every non-comment block (blank-line separated), in order. */
function blockStartLines(text: string): number[] {
  const starts: number[] = [];
  let current: number | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "") {
      if (current !== undefined) starts.push(current);
      current = undefined;
    } else if (current === undefined && !trimmed.startsWith("//")) {
      current = i + 1;
    }
  });
  if (current !== undefined) starts.push(current);
  return starts;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function slugify(s: string): string {
  return s
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}

type Meta = {
  topic?: string;
  difficulty?: string;
  lesson?: string;
  misconception?: string;
  unit?: string;
};

function readTags(tags: readonly string[] | null | undefined): Meta {
  const meta: Meta = {};
  for (const tag of tags ?? []) {
    for (const [key, prefix] of Object.entries(TAG_PREFIX) as [keyof Meta, string][]) {
      if (tag.startsWith(prefix)) meta[key] = tag.slice(prefix.length).trim();
    }
  }
  return meta;
}

const TRUE_FALSE: Record<"true" | "false", Localized> = {
  true: { en: "True", zh: "正确" },
  false: { en: "False", zh: "错误" },
};

const NO_EXPLANATION: Localized = {
  en: "No explanation was provided with this question.",
  zh: "此题导入时没有附带解析。",
};

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Moodle exports question text as `[html]`. Our prompts are markdown rendered through a
 * sanitizer, so HTML is reduced to its text: paragraphs and line breaks become newlines,
 * other tags are dropped and entities decoded.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6])>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The text of a GIFT text field, HTML reduced to text; `sawHtml` is told when that happened. */
function plain(t: TextFormat, sawHtml: () => void): string {
  if (t.format !== "html") return t.text.trim();
  sawHtml();
  return htmlToText(t.text);
}

function both(locale: Locale, text: string, other?: string): Localized {
  return locale === "en" ? { en: text, zh: other ?? text } : { en: other ?? text, zh: text };
}

function numericFromFormat(f: NumericalFormat): { value: number; tolerance: number } | undefined {
  switch (f.type) {
    case "simple":
      return f.number === undefined ? undefined : { value: f.number, tolerance: 0 };
    case "range":
      return f.number === undefined ? undefined : { value: f.number, tolerance: Math.abs(f.range ?? 0) };
    case "high-low":
      if (f.numberHigh === undefined || f.numberLow === undefined) return undefined;
      return { value: (f.numberHigh + f.numberLow) / 2, tolerance: Math.abs(f.numberHigh - f.numberLow) / 2 };
    default:
      return undefined;
  }
}

type Converted = { body: Pick<AuthoredQuestionInput, "kind"> & Record<string, unknown> } | { error: Localized };

function convertChoiceQuestion(
  q: MultipleChoice,
  locale: Locale,
  warn: (m: Localized) => void,
  sawHtml: () => void,
): Converted {
  if (q.choices.length > CHOICE_LETTERS.length) {
    return { error: { en: `has ${q.choices.length} options; at most 8 are supported`, zh: `有 ${q.choices.length} 个选项，最多支持 8 个` } };
  }
  const choices: Choice[] = q.choices.map((c, i) => ({
    id: CHOICE_LETTERS[i] ?? "",
    ...both(locale, plain(c.text, sawHtml)),
  }));
  const marked = q.choices.flatMap((c, i) => (c.isCorrect ? [CHOICE_LETTERS[i] ?? ""] : []));
  const positive = q.choices.flatMap((c, i) => ((c.weight ?? 0) > 0 && !c.isCorrect ? [CHOICE_LETTERS[i] ?? ""] : []));
  if (marked.length === 1) {
    if (positive.length > 0) {
      warn({ en: "partial credit on wrong options was dropped", zh: "错误选项上的部分得分已忽略" });
    }
    return { body: { kind: "single", choices, answer: marked[0] } };
  }
  const correct = marked.length > 1 ? marked : positive;
  if (correct.length === 0) return { error: { en: "has no correct option", zh: "没有正确选项" } };
  const k = correct.length;
  const matchesRule = q.choices.every((c, i) => {
    if (c.weight === null) return true;
    const expected = correct.includes(CHOICE_LETTERS[i] ?? "") ? 100 / k : -100 / k;
    return Math.abs(c.weight - expected) < 0.01 || (!correct.includes(CHOICE_LETTERS[i] ?? "") && c.weight === 0);
  });
  if (!matchesRule) {
    warn({
      en: "option weights were replaced by tcplab's rule (each right option +1/k, each wrong one −1/k)",
      zh: "选项权重已按 tcplab 规则换算（每个正确选项 +1/k，每个错误选项 −1/k）",
    });
  }
  return { body: { kind: "multiple", choices, answer: correct } };
}

function convert(
  q: GIFTQuestion,
  locale: Locale,
  meta: Meta,
  warn: (m: Localized) => void,
  sawHtml: () => void,
): Converted | undefined {
  switch (q.type) {
    case "MC":
      return convertChoiceQuestion(q, locale, warn, sawHtml);
    case "TF": {
      const tf = q as TrueFalse;
      return {
        body: {
          kind: "single",
          choices: [
            { id: "a", ...TRUE_FALSE.true },
            { id: "b", ...TRUE_FALSE.false },
          ],
          answer: tf.isTrue ? "a" : "b",
        },
      };
    }
    case "Numerical": {
      const n = q as Numerical;
      let format: NumericalFormat | undefined;
      if (Array.isArray(n.choices)) {
        const full = n.choices.filter((c) => c.isCorrect && (c.weight === null || c.weight === 100));
        format = full[0]?.text;
        if (n.choices.length > 1) {
          warn({ en: "only the first fully correct numeric answer was kept", zh: "只保留了第一个满分的数值答案" });
        }
      } else {
        format = n.choices;
      }
      const answer = format ? numericFromFormat(format) : undefined;
      if (!answer) return { error: { en: "has no usable numeric answer", zh: "没有可用的数值答案" } };
      return {
        body: {
          kind: "numeric",
          answer: meta.unit ? { ...answer, unit: both(locale, meta.unit) } : answer,
        },
      };
    }
    case "Short": {
      const s = q as ShortAnswer;
      const accepted = s.choices.filter((c) => c.isCorrect && (c.weight === null || c.weight === 100));
      if (accepted.length < s.choices.length) {
        warn({ en: "answers with partial credit were dropped", zh: "部分得分的答案已忽略" });
      }
      if (accepted.length === 0) return { error: { en: "has no fully correct answer", zh: "没有满分答案" } };
      const list = accepted.map((c) => plain(c.text, sawHtml));
      return { body: { kind: "text", answer: { accept: { en: list, zh: list } } } };
    }
    case "Essay":
    case "Matching":
    case "Description":
    case "Category":
      return undefined;
    default:
      return assertNever(q);
  }
}

const UNSUPPORTED: Record<string, Localized> = {
  Essay: { en: "essay questions are not supported", zh: "不支持论述题" },
  Matching: { en: "matching questions are not supported", zh: "不支持匹配题" },
  Description: { en: "a description without answers was skipped", zh: "没有答案的说明文字已跳过" },
};

/**
 * Parses GIFT text into authored questions. Never throws: a syntax error comes back with its
 * line and column, and every question that cannot become a valid authored question is reported
 * with the line it starts on. The import is all or nothing (`ok: false` if any question failed),
 * so an instructor fixes the file and imports it once.
 */
export function fromGift(text: string, locale: Locale, options: GiftImportOptions = {}): GiftImport {
  const warnings: GiftIssue[] = [];
  const errors: GiftIssue[] = [];
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return {
      ok: false,
      warnings,
      errors: [{ message: { en: `The file is too large (over ${maxLength} characters).`, zh: `文件过大（超过 ${maxLength} 个字符）。` } }],
    };
  }

  const starts = blockStartLines(text);
  if (starts.length === 0) {
    // gift-pegjs rejects input without a single question; an empty or comment-only file is
    // simply an import of nothing (e.g. an export that held only ordering questions).
    return {
      ok: true,
      questions: [],
      warnings: [{ message: { en: "The file contains no questions.", zh: "文件中没有题目。" } }],
    };
  }

  let parsed: GIFTQuestion[];
  try {
    parsed = parseGiftText(text);
  } catch (e) {
    const loc = (e as { location?: { start?: { line?: number; column?: number } } }).location?.start;
    const detail = e instanceof Error ? e.message : String(e);
    const where = loc?.line !== undefined ? { en: `Line ${loc.line}, column ${loc.column}: `, zh: `第 ${loc.line} 行第 ${loc.column} 列：` } : { en: "", zh: "" };
    return {
      ok: false,
      warnings,
      errors: [
        {
          ...(loc?.line !== undefined ? { line: loc.line } : {}),
          ...(loc?.column !== undefined ? { column: loc.column } : {}),
          message: { en: `${where.en}GIFT syntax error: ${detail}`, zh: `${where.zh}GIFT 语法错误：${detail}` },
        },
      ],
    };
  }

  const lineOf = (i: number) => (starts.length === parsed.length ? starts[i] : undefined);
  const usedIds = new Set<string>();
  const questions: AuthoredQuestion[] = [];
  let categoryTopic: TopicId | undefined;

  parsed.forEach((q, index) => {
    const line = lineOf(index);
    const at = (m: Localized, questionId?: string): GiftIssue => ({
      ...(line !== undefined ? { line } : {}),
      ...(questionId ? { questionId } : {}),
      message: {
        en: `${line !== undefined ? `Line ${line}: ` : ""}${questionId ? `${questionId}: ` : ""}${m.en}`,
        zh: `${line !== undefined ? `第 ${line} 行：` : ""}${questionId ? `${questionId}：` : ""}${m.zh}`,
      },
    });

    if (q.type === "Category") {
      const last = q.title.split("/").pop()?.trim() ?? "";
      const topic = topicIdSchema.safeParse(last);
      categoryTopic = topic.success ? topic.data : undefined;
      return;
    }

    const fromTag = q.id?.trim();
    const fromTitle = q.title ? slugify(q.title) : "";
    let id = fromTag && KEBAB.test(fromTag) ? fromTag : fromTitle.length >= 2 ? fromTitle : `gift-${index + 1}`;
    if (usedIds.has(id)) {
      let n = 2;
      while (usedIds.has(`${id}-${n}`)) n += 1;
      warnings.push(at({ en: `duplicate id; renamed to ${id}-${n}`, zh: `id 重复，已改为 ${id}-${n}` }, id));
      id = `${id}-${n}`;
    }

    const unsupported = UNSUPPORTED[q.type];
    if (unsupported) {
      warnings.push(at(unsupported, id));
      return;
    }

    const meta = readTags(q.tags);
    let html = false;
    const sawHtml = () => {
      html = true;
    };
    const converted = convert(q, locale, meta, (m) => warnings.push(at(m, id)), sawHtml);
    if (!converted) return;
    if ("error" in converted) {
      errors.push(at(converted.error, id));
      return;
    }

    const topicTag = topicIdSchema.safeParse(meta.topic);
    const topic: TopicId = topicTag.success ? topicTag.data : (categoryTopic ?? options.defaultTopic ?? "segments");
    if (!topicTag.success && !categoryTopic) {
      warnings.push(at({ en: `no topic tag; filed under "${topic}"`, zh: `没有 topic 标签，归入“${topic}”` }, id));
    }
    const difficulty = Number(meta.difficulty);
    const lesson = lessonRefSchema.safeParse(meta.lesson);
    const misconception = misconceptionIdSchema.safeParse(meta.misconception);
    const general = "globalFeedback" in q ? q.globalFeedback : null;
    const feedback = general ? plain(general, sawHtml) : undefined;
    const stem = plain(q.stem, sawHtml);
    if (html) {
      warnings.push(at({ en: "HTML was converted to plain text", zh: "HTML 已转换为纯文本" }, id));
    }
    if (!feedback) {
      warnings.push(at({ en: "no general feedback (####); a placeholder explanation was used", zh: "没有总体反馈（####），已使用占位解析" }, id));
    }

    const candidate = {
      id,
      topic,
      difficulty: Number.isInteger(difficulty) && difficulty >= 1 && difficulty <= 3 ? difficulty : 2,
      ...(misconception.success ? { misconception: misconception.data } : {}),
      lesson: lesson.success ? lesson.data : getTopic(topic).lesson,
      prompt: both(locale, stem),
      explanation: feedback ? both(locale, feedback) : NO_EXPLANATION,
      ...converted.body,
    };
    const result = authoredQuestionSchema.safeParse(candidate);
    if (!result.success) {
      const first = result.error.issues[0];
      const detail = first ? `${first.path.join(".") || "question"}: ${first.message}` : "invalid question";
      errors.push(at({ en: `not a valid question (${detail})`, zh: `不是有效的题目（${detail}）` }, id));
      return;
    }
    usedIds.add(id);
    questions.push(result.data);
  });

  if (questions.length > 0) {
    const other = locale === "en" ? "zh" : "en";
    warnings.push({
      message: {
        en: `Only ${locale} text was imported; the ${other} fields hold a copy until they are translated.`,
        zh: `只导入了${locale === "en" ? "英文" : "中文"}内容；${other === "en" ? "英文" : "中文"}字段暂为副本，需翻译。`,
      },
    });
  }
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, questions, warnings };
}

/**
 * Takes the `locale` strings of each question from `translated` (parsed from a GIFT file in
 * that language) into `base`, matching by id. Questions whose shape differs (kind, number of
 * options, correct answer) are left unchanged and reported.
 */
export function mergeGiftTranslation(
  base: readonly AuthoredQuestion[],
  translated: readonly AuthoredQuestion[],
  locale: Locale,
): { questions: AuthoredQuestion[]; issues: GiftIssue[] } {
  const byId = new Map(translated.map((q) => [q.id, q]));
  const issues: GiftIssue[] = [];
  const questions = base.map((q): AuthoredQuestion => {
    const t = byId.get(q.id);
    const mismatch = (en: string, zh: string) => {
      issues.push({ questionId: q.id, message: { en: `${q.id}: ${en}`, zh: `${q.id}：${zh}` } });
      return q;
    };
    if (!t) return mismatch(`no ${locale} version found`, `没有找到 ${locale} 版本`);
    if (t.kind !== q.kind) return mismatch("question kinds differ", "两个版本的题型不同");
    const withText = {
      ...q,
      prompt: { ...q.prompt, [locale]: t.prompt[locale] },
      explanation: { ...q.explanation, [locale]: t.explanation[locale] },
    };
    switch (q.kind) {
      case "single":
      case "multiple":
      case "ordering": {
        const tc = (t as typeof q).choices;
        if (tc.length !== q.choices.length || JSON.stringify((t as typeof q).answer) !== JSON.stringify(q.answer)) {
          return mismatch("options or answer differ", "两个版本的选项或答案不同");
        }
        return { ...withText, kind: q.kind, choices: q.choices.map((c, i) => ({ ...c, [locale]: tc[i]?.[locale] ?? c[locale] })) } as AuthoredQuestion;
      }
      case "numeric": {
        const ta = (t as typeof q).answer;
        if (ta.value !== q.answer.value || ta.tolerance !== q.answer.tolerance) {
          return mismatch("numeric answers differ", "两个版本的数值答案不同");
        }
        const unit = q.answer.unit && ta.unit ? { ...q.answer.unit, [locale]: ta.unit[locale] } : q.answer.unit;
        return { ...withText, kind: "numeric", answer: { ...q.answer, ...(unit ? { unit } : {}) } };
      }
      case "text": {
        const ta = (t as typeof q).answer;
        return { ...withText, kind: "text", answer: { accept: { ...q.answer.accept, [locale]: ta.accept[locale] } } };
      }
      default:
        return assertNever(q);
    }
  });
  return { questions, issues };
}
