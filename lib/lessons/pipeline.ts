import rehypeShiki from "@shikijs/rehype";
import type { Element, Root as HastRoot } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { VFile } from "vfile";
import en from "@/messages/en/lessons.json";
import zh from "@/messages/zh/lessons.json";
import { lessonFacts, type LessonFacts } from "./facts";
import { estimateReadingMinutes } from "./reading-time";
import { remarkCallouts } from "./remark-callouts";
import { remarkHeadingIds } from "./remark-heading-ids";
import { remarkTcpScenario } from "./remark-tcp-scenario";
import type { Locale } from "@/lib/core";

/** Grammars loaded into shiki (bundled with the package: highlighting works offline, at build time). */
const GRAMMARS = ["c", "python", "bash", "json"] as const;
/** Languages the lessons may use in fences (../briefs/lessons.md); `text` is shiki's plain text. */
export const CODE_LANGUAGES = [...GRAMMARS, "text"] as const;
/**
 * Code colours for both page themes (issue #19): every colour is written as CSS light-dark(), so
 * a code block follows the page's color-scheme (app/globals.css) with no script or extra CSS.
 * @see https://shiki.style/guide/dual-themes
 */
export const SHIKI_THEMES = { light: "github-light", dark: "github-dark" } as const;

/** The custom element a ```tcp-scenario fence becomes; the page maps it to <ScenarioFigure>. */
export const SCENARIO_ELEMENT = "tcp-scenario";

export type TocEntry = { depth: 2 | 3; id: string; text: string };

export type RenderedLesson = {
  hast: HastRoot;
  toc: TocEntry[];
  facts: LessonFacts;
  readingMinutes: number;
};

const anchorLabels: Record<Locale, string> = { en: en.headingAnchor, zh: zh.headingAnchor };

function processor(locale: Locale) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkHeadingIds)
    .use(remarkCallouts, { locale })
    .use(remarkTcpScenario)
    .use(remarkRehype)
    .use(rehypeSlug)
    .use(rehypeShiki, { themes: SHIKI_THEMES, defaultColor: "light-dark()", langs: [...GRAMMARS] })
    .use(rehypeAutolinkHeadings, {
      // A visible, focusable "#" after the heading (not inside it, so the heading's accessible
      // name stays its text), labelled for screen readers, grouped with the heading for layout.
      behavior: "after",
      test: ["h2", "h3"],
      group: (heading) => ({ type: "element", tagName: "div", properties: { dataHeadingGroup: String(heading.tagName) }, children: [] }),
      properties: (heading) => ({ dataHeadingAnchor: "", ariaLabel: `${anchorLabels[locale]}: ${hastToString(heading)}` }),
      content: { type: "text", value: "#" },
    });
}

function tableOfContents(tree: HastRoot): TocEntry[] {
  const toc: TocEntry[] = [];
  visit(tree, "element", (node: Element) => {
    if ((node.tagName === "h2" || node.tagName === "h3") && typeof node.properties.id === "string") {
      toc.push({ depth: node.tagName === "h2" ? 2 : 3, id: node.properties.id, text: hastToString(node).trim() });
      return SKIP;
    }
  });
  return toc;
}

/** The prose a reader reads: everything but diagrams and heading anchors. */
function readableText(tree: HastRoot): string {
  const parts: string[] = [];
  visit(tree, (node) => {
    if (node.type === "element" && (node.tagName === SCENARIO_ELEMENT || "dataHeadingAnchor" in node.properties)) return SKIP;
    if (node.type === "text") parts.push(node.value);
  });
  return parts.join("");
}

/**
 * Markdown → hast, the whole unified pipeline: remark-parse → remark-gfm → `{#id}` heading ids →
 * callouts → tcp-scenario fences → remark-rehype → rehype-slug → shiki (highlighting at build
 * time) → rehype-autolink-headings. Throws (fails the build) on a malformed tcp-scenario fence.
 */
export async function renderLessonMarkdown(markdown: string, locale: Locale, path?: string): Promise<RenderedLesson> {
  const file = new VFile({ value: markdown, path });
  const facts = lessonFacts(file);
  const pipeline = processor(locale);
  const hast = (await pipeline.run(pipeline.parse(file), file)) as HastRoot;
  return {
    hast,
    toc: tableOfContents(hast),
    facts,
    readingMinutes: estimateReadingMinutes(readableText(hast), facts.presets.length),
  };
}
