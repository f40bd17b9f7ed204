import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { renderLessonMarkdown, type RenderedLesson, type TocEntry } from "./pipeline";
import { lessonFrontMatterSchema, type LessonFrontMatter } from "./schema";
import { locales, type Locale } from "@/lib/core";

const FILE_NAME = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

export class LessonContentError extends Error {
  override name = "LessonContentError";
}

export type LessonSource = {
  locale: Locale;
  /** Path relative to the repository root, for error messages. */
  file: string;
  frontMatter: LessonFrontMatter;
  body: string;
};

/** Parses one lesson file; throws LessonContentError naming the file if anything is off. */
export function parseLessonSource(locale: Locale, fileName: string, raw: string): LessonSource {
  const file = path.join("content", "lessons", locale, fileName);
  const name = FILE_NAME.exec(fileName);
  if (!name) throw new LessonContentError(`${file}: file name must be NN-slug.md`);
  // The `yaml` package (YAML 1.2, as the rest of content/ uses) instead of gray-matter's js-yaml.
  const { data, content } = matter(raw, { engines: { yaml: (text: string) => parseYaml(text) as object } });
  const parsed = lessonFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(front matter)"}: ${i.message}`).join("; ");
    throw new LessonContentError(`${file}: invalid front matter: ${issues}`);
  }
  const frontMatter = parsed.data;
  if (Number(name[1]) !== frontMatter.order || name[2] !== frontMatter.slug) {
    throw new LessonContentError(`${file}: file name must be ${String(frontMatter.order).padStart(2, "0")}-${frontMatter.slug}.md to match its front matter`);
  }
  return { locale, file, frontMatter, body: content };
}

/** Parses one language's lesson files and returns them in course order; fails on clashes. */
export function collectLessons(locale: Locale, files: { name: string; raw: string }[]): LessonSource[] {
  const sources = files.filter((f) => f.name.endsWith(".md")).map((f) => parseLessonSource(locale, f.name, f.raw));
  for (const [i, s] of sources.entries()) {
    const clash = sources.findIndex((o) => o.frontMatter.order === s.frontMatter.order || o.frontMatter.slug === s.frontMatter.slug);
    if (clash !== i) throw new LessonContentError(`${s.file} and ${sources[clash]?.file}: two lessons with the same order or slug`);
  }
  return sources.sort((a, b) => a.frontMatter.order - b.frontMatter.order);
}

/** Every lesson of one language (content/lessons/<locale>/<NN>-<slug>.md), in course order. */
export function readLessonSources(locale: Locale): LessonSource[] {
  // A literal path under content/ keeps Next's file tracing scoped to the lessons.
  const dir = path.join(process.cwd(), "content", "lessons", locale);
  const names = readdirSync(dir).sort();
  return collectLessons(
    locale,
    names.map((name) => ({ name, raw: readFileSync(path.join(dir, name), "utf8") })),
  );
}

/**
 * Checks that every lesson exists in every language with the same slug and order — the
 * language switch maps /en/lessons/x to /zh/lessons/x, so a missing translation must stop the
 * build (issue #4, "Done when") — and returns the slugs in course order.
 */
export function checkTranslations(byLocale: Record<Locale, LessonSource[]>): string[] {
  const [first, ...rest] = locales.map((locale) => byLocale[locale]);
  const key = (s: LessonSource) => `${s.frontMatter.order}:${s.frontMatter.slug}`;
  const reference = (first ?? []).map(key);
  for (const [i, other] of rest.entries()) {
    const keys = other.map(key);
    const missing = [...reference.filter((k) => !keys.includes(k)), ...keys.filter((k) => !reference.includes(k))];
    if (missing.length > 0) throw new LessonContentError(`lessons differ between ${locales[0]} and ${locales[i + 1]}: ${missing.join(", ")}`);
  }
  return (first ?? []).map((s) => s.frontMatter.slug);
}

/** The course's slugs, in order, once every lesson is known to exist in every language. */
export function lessonSlugs(): string[] {
  return checkTranslations(Object.fromEntries(locales.map((l) => [l, readLessonSources(l)])) as Record<Locale, LessonSource[]>);
}

// Keyed by the file's text so an edited lesson is re-rendered (in `next dev`) and an unchanged
// one is rendered once per process, however many pages ask for it.
const rendered = new Map<string, Promise<RenderedLesson>>();

export function renderLessonSource(source: LessonSource): Promise<RenderedLesson> {
  const key = `${source.locale}\u0000${source.body}`;
  let hit = rendered.get(key);
  if (!hit) {
    hit = renderLessonMarkdown(source.body, source.locale, source.file);
    hit.catch(() => rendered.delete(key));
    rendered.set(key, hit);
  }
  return hit;
}

export type LessonSummary = LessonFrontMatter & { readingMinutes: number };
export type LessonLink = { slug: string; order: number; title: string };

export type Lesson = LessonSummary & {
  rendered: RenderedLesson;
  toc: TocEntry[];
  previous: LessonLink | null;
  next: LessonLink | null;
};

const linkOf = (s: LessonSource | undefined): LessonLink | null =>
  s ? { slug: s.frontMatter.slug, order: s.frontMatter.order, title: s.frontMatter.title } : null;

/** The course list of one language, in order, with reading times. */
export async function listLessons(locale: Locale): Promise<LessonSummary[]> {
  const sources = readLessonSources(locale);
  const renders = await Promise.all(sources.map(renderLessonSource));
  return sources.map((s, i) => ({ ...s.frontMatter, readingMinutes: renders[i]!.readingMinutes }));
}

/** One lesson, rendered, with its neighbours by `order`; null if there is no such slug. */
export async function getLesson(locale: Locale, slug: string): Promise<Lesson | null> {
  const sources = readLessonSources(locale);
  const index = sources.findIndex((s) => s.frontMatter.slug === slug);
  const source = sources[index];
  if (!source) return null;
  const rendered = await renderLessonSource(source);
  return {
    ...source.frontMatter,
    readingMinutes: rendered.readingMinutes,
    rendered,
    toc: rendered.toc,
    previous: linkOf(sources[index - 1]),
    next: linkOf(sources[index + 1]),
  };
}
