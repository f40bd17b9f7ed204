import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Element } from "hast";
import { visit } from "unist-util-visit";
import { beforeAll, describe, expect, it } from "vitest";
import { topicOfLesson } from "@/lib/content/topics";
import { FAMILY_IDS } from "@/lib/scenarios/types";
import { PRESET_IDS } from "@/lib/tcp";
import en from "@/messages/en/lessons.json";
import zh from "@/messages/zh/lessons.json";
import { parseLessonSource, renderLessonSource, type LessonSource } from "./loader";
import { CODE_LANGUAGES, type RenderedLesson } from "./pipeline";
import { CALLOUT_TYPES } from "./remark-callouts";
import { locales, type Locale } from "@/lib/core";

/**
 * The course's content contract (issue #4, "Done when": a content test fails the build if a lesson
 * lacks its translation, has invalid front matter or embeds an unknown preset). `npm test` runs the
 * unit tests before `next build`, and the lesson pages re-check translations at build time.
 * Conventions: content/lessons/README.md.
 */

/** Ids the lesson page itself uses around the body (app/[locale]/layout.tsx, components/lesson). */
const PAGE_IDS = ["main", "toc-title", "check-yourself"];
const LESSONS_DIR = path.join(process.cwd(), "content", "lessons");

const files = Object.fromEntries(locales.map((l) => [l, readdirSync(path.join(LESSONS_DIR, l)).filter((f) => f.endsWith(".md")).sort()])) as Record<Locale, string[]>;
const allFiles = [...new Set(locales.flatMap((l) => files[l]))].sort();
/** Lessons present in every language: the pairs the cross-language checks compare. */
const pairedFiles = allFiles.filter((f) => locales.every((l) => files[l].includes(f)));

type Parsed = { source?: LessonSource; error?: string };
const parsed = Object.fromEntries(
  locales.map((l) => [
    l,
    Object.fromEntries(
      files[l].map((f): [string, Parsed] => {
        try {
          return [f, { source: parseLessonSource(l, f, readFileSync(path.join(LESSONS_DIR, l, f), "utf8")) }];
        } catch (error) {
          return [f, { error: String(error) }];
        }
      }),
    ),
  ]),
) as Record<Locale, Record<string, Parsed>>;

const renders = new Map<string, RenderedLesson>();

// Rendering runs the whole pipeline (shiki included) for every file: do it once, up front.
beforeAll(async () => {
  await Promise.all(
    locales.flatMap((l) =>
      Object.entries(parsed[l]).map(async ([file, p]) => {
        if (p.source) renders.set(`${l}/${file}`, await renderLessonSource(p.source));
      }),
    ),
  );
}, 120_000);

function rendered(locale: Locale, file: string): RenderedLesson {
  const hit = renders.get(`${locale}/${file}`);
  if (!hit) throw new Error(`${locale}/${file} did not parse`);
  return hit;
}

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe("lesson content", () => {
  it("should have lessons at all", () => {
    expect(allFiles.length).toBeGreaterThanOrEqual(1);
  });

  it("should have every lesson in every language, under the same file name", () => {
    for (const locale of locales) expect(files[locale], `lessons missing in content/lessons/${locale}`).toEqual(allFiles);
  });

  it("should have valid front matter and a file name NN-slug.md matching it", () => {
    const errors = locales.flatMap((l) => Object.values(parsed[l]).flatMap((p) => (p.error ? [p.error] : [])));
    expect(errors).toEqual([]);
  });

  it("should keep slug, order, topic, check and flashcards identical across languages", () => {
    for (const file of pairedFiles) {
      const [first, ...others] = locales.map((l) => parsed[l][file]?.source?.frontMatter);
      for (const other of others) {
        expect({ ...other, title: "", summary: "" }, file).toEqual({ ...first, title: "", summary: "" });
      }
    }
  });

  it("should number lessons 1…N in file order, each on its own topic, matching the course's topics", () => {
    const sources = files.en.map((f) => parsed.en[f]?.source);
    expect(sources.map((s) => s?.frontMatter.order)).toEqual(sources.map((_, i) => i + 1));
    for (const s of sources) {
      expect(topicOfLesson(s?.frontMatter.slug ?? "")?.id, `${s?.file}: topic of this slug in lib/content/topics.ts`).toBe(s?.frontMatter.topic);
    }
  });

  it("should check yourself only with question families that exist", () => {
    for (const l of locales) {
      for (const p of Object.values(parsed[l])) {
        for (const family of p.source?.frontMatter.check ?? []) expect(FAMILY_IDS, `${p.source?.file}: check`).toContain(family);
      }
    }
  });

  it("should embed only presets the simulator has, and at least one diagram per lesson (two after lesson 1)", () => {
    for (const l of locales) {
      for (const file of files[l]) {
        const { facts } = rendered(l, file);
        for (const id of facts.presets) expect(PRESET_IDS, `${l}/${file}: tcp-scenario ${id}`).toContain(id);
        const order = parsed[l][file]?.source?.frontMatter.order ?? 0;
        expect(facts.presets.length, `${l}/${file}: diagrams`).toBeGreaterThanOrEqual(order === 1 ? 1 : 2);
      }
    }
  });

  it("should embed the same diagrams, in the same order, in both languages", () => {
    for (const file of pairedFiles) {
      const [first, ...others] = locales.map((l) => rendered(l, file).facts.presets);
      for (const other of others) expect(other, file).toEqual(first);
    }
  });

  it("should start at ## and give every ## and ### heading an explicit id, unique in the lesson", () => {
    for (const l of locales) {
      for (const file of files[l]) {
        const { facts } = rendered(l, file);
        const where = `${l}/${file}`;
        expect(facts.headings.filter((h) => h.depth === 1), `${where}: the page renders the title as h1`).toEqual([]);
        expect(facts.headings.filter((h) => (h.depth === 2 || h.depth === 3) && !h.explicit), `${where}: headings without {#id}`).toEqual([]);
        const ids = facts.headings.filter((h) => h.explicit).map((h) => h.id);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i), `${where}: duplicate heading ids`).toEqual([]);
      }
    }
  });

  it("should use the same heading ids, at the same levels and in the same order, in both languages", () => {
    for (const file of pairedFiles) {
      const [first, ...others] = locales.map((l) => rendered(l, file).facts.headings.map((h) => `${h.depth}#${h.id}`));
      for (const other of others) expect(other, file).toEqual(first);
    }
  });

  it("should have the same callouts in both languages, all of known types", () => {
    for (const file of pairedFiles) {
      const [first, ...others] = locales.map((l) => rendered(l, file).facts.callouts);
      for (const type of first ?? []) expect(CALLOUT_TYPES, `${file}: callout [!${type.toUpperCase()}]`).toContain(type);
      for (const other of others) expect(other, file).toEqual(first);
    }
  });

  it("should only use code languages that are highlighted at build time", () => {
    for (const l of locales) {
      for (const file of files[l]) {
        for (const lang of rendered(l, file).facts.codeLangs) expect(CODE_LANGUAGES, `${l}/${file}: \`\`\`${lang ?? "(none)"}`).toContain(lang);
      }
    }
  });

  it("should link only to sections that exist in the same lesson, and not reuse the page's own ids", () => {
    for (const l of locales) {
      for (const file of files[l]) {
        const ids = new Set<string>();
        const links: string[] = [];
        visit(rendered(l, file).hast, "element", (node: Element) => {
          if (typeof node.properties.id === "string") ids.add(node.properties.id);
          const href = node.properties.href;
          if (node.tagName === "a" && typeof href === "string" && href.startsWith("#")) links.push(href.slice(1));
        });
        expect(links.filter((id) => !ids.has(id)), `${l}/${file}: links to missing sections`).toEqual([]);
        expect(PAGE_IDS.filter((id) => ids.has(id)), `${l}/${file}: ids the lesson page uses itself`).toEqual([]);
      }
    }
  });

  it("should have every lessons message in both languages", () => {
    expect(keysOf(zh).sort()).toEqual(keysOf(en).sort());
  });
});
