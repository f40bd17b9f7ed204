import type { Heading, Root } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { lessonFacts } from "./facts";

/** `## Why three and not two? {#why-three}` — the id is language-independent (../briefs/lessons.md). */
const EXPLICIT_ID = /\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;

/**
 * Moves a trailing `{#id}` from a heading's text to the heading's `id`, so both translations of a
 * lesson share anchors (flashcards and quizzes link to `slug#id`). Headings without one keep
 * whatever rehype-slug derives from their text later.
 */
export function remarkHeadingIds() {
  return (tree: Root, file: VFile) => {
    const facts = lessonFacts(file);
    visit(tree, "heading", (node: Heading) => {
      const last = node.children.at(-1);
      const match = last?.type === "text" ? EXPLICIT_ID.exec(last.value) : null;
      if (!last || last.type !== "text" || !match) {
        facts.headings.push({ depth: node.depth, id: "", explicit: false });
        return;
      }
      const id = match[1]!;
      last.value = last.value.slice(0, match.index);
      if (last.value === "") node.children.pop();
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
      facts.headings.push({ depth: node.depth, id, explicit: true });
    });
  };
}
