import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { describe, expect, it } from "vitest";
import { renderLessonMarkdown } from "./pipeline";

function find(tree: Root, predicate: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  // Shiki splices its output in as a nested root, so walk every parent, not only elements.
  const walk = (node: Root | Element) => {
    for (const child of node.children as (Root | Element | { type: string })[]) {
      if (child.type === "element" && predicate(child as Element)) out.push(child as Element);
      if ("children" in child) walk(child);
    }
  };
  walk(tree);
  return out;
}

describe("renderLessonMarkdown", () => {
  it("should move a trailing {#id} into the heading's id and out of its text", async () => {
    const { hast, toc, facts } = await renderLessonMarkdown("## Why three and not two? {#why-three}\n\ntext\n", "en");
    const [h2] = find(hast, (e) => e.tagName === "h2");
    expect(h2?.properties.id).toBe("why-three");
    expect(toHtml(h2!)).toBe('<h2 id="why-three">Why three and not two?</h2>');
    expect(toc).toEqual([{ depth: 2, id: "why-three", text: "Why three and not two?" }]);
    expect(facts.headings).toEqual([{ depth: 2, id: "why-three", explicit: true }]);
  });

  it("should give the same id to both translations of a heading", async () => {
    const zh = await renderLessonMarkdown("## 为什么是三次而不是两次？ {#why-three}\n", "zh");
    expect(zh.toc).toEqual([{ depth: 2, id: "why-three", text: "为什么是三次而不是两次？" }]);
  });

  it("should slug a heading without an explicit id and record that it had none", async () => {
    const { toc, facts } = await renderLessonMarkdown("## Half-open: two meanings\n", "en");
    expect(toc).toEqual([{ depth: 2, id: "half-open-two-meanings", text: "Half-open: two meanings" }]);
    expect(facts.headings).toEqual([{ depth: 2, id: "", explicit: false }]);
  });

  it("should list only h2 and h3 in the table of contents, in order", async () => {
    const md = "## One {#one}\n\n### One a {#one-a}\n\n#### Deep {#deep}\n\n## Two {#two}\n";
    const { toc } = await renderLessonMarkdown(md, "en");
    expect(toc.map((e) => `${e.depth}:${e.id}`)).toEqual(["2:one", "3:one-a", "2:two"]);
  });

  it("should put a labelled anchor link after each h2/h3, outside the heading", async () => {
    const { hast } = await renderLessonMarkdown("## States on both sides {#states}\n", "en");
    const [group] = find(hast, (e) => "dataHeadingGroup" in e.properties);
    expect(group && toHtml(group)).toBe(
      '<div data-heading-group="h2"><h2 id="states">States on both sides</h2><a data-heading-anchor="" aria-label="Link to this section: States on both sides" href="#states">#</a></div>',
    );
  });

  it("should turn a MISCONCEPTION alert into a note titled in the page's language", async () => {
    const md = "> [!MISCONCEPTION]\n> **Myth:** FIN+SEQ. **Reality:** seq + 1.\n";
    const en = await renderLessonMarkdown(md, "en");
    const zh = await renderLessonMarkdown(md, "zh");
    const [note] = find(en.hast, (e) => e.properties.dataCallout === "misconception");
    expect(note?.tagName).toBe("div");
    expect(note?.properties.role).toBe("note");
    expect(toHtml(note!)).toContain('<p data-callout-title="">Common misconception</p>');
    expect(toHtml(note!)).toContain("<strong>Myth:</strong> FIN+SEQ.");
    expect(toHtml(note!)).not.toContain("[!MISCONCEPTION]");
    expect(toHtml(zh.hast)).toContain('<p data-callout-title="">常见误区</p>');
    expect(en.facts.callouts).toEqual(["misconception"]);
  });

  it("should handle GitHub's alert types with the marker on its own paragraph", async () => {
    const md = "> [!WARNING]\n>\n> Do not set tcp_tw_recycle.\n\n> [!NOTE]\n> A note.\n\n> [!TIP]\n> A tip.\n";
    const { hast, facts } = await renderLessonMarkdown(md, "zh");
    expect(facts.callouts).toEqual(["warning", "note", "tip"]);
    const titles = find(hast, (e) => "dataCalloutTitle" in e.properties).map((e) => toHtml(e.children[0]!));
    expect(titles).toEqual(["警告", "注意", "提示"]);
    const [warning] = find(hast, (e) => e.properties.dataCallout === "warning");
    // The marker's paragraph disappears; only the title and the body remain.
    expect(warning?.children.filter((c) => c.type === "element").length).toBe(2);
  });

  it("should leave an unknown alert type as a blockquote and record it for the content test", async () => {
    const { hast, facts } = await renderLessonMarkdown("> [!MYTH]\n> text\n", "en");
    expect(facts.callouts).toEqual(["myth"]);
    expect(find(hast, (e) => e.tagName === "blockquote")).toHaveLength(1);
  });

  it("should leave an ordinary blockquote alone", async () => {
    const { hast, facts } = await renderLessonMarkdown("> just a quote\n", "en");
    expect(facts.callouts).toEqual([]);
    expect(toHtml(hast)).toBe("<blockquote>\n<p>just a quote</p>\n</blockquote>");
  });

  it("should turn a tcp-scenario fence into a <tcp-scenario preset> element", async () => {
    const md = "Text.\n\n```tcp-scenario\nnormal-lifecycle\n```\n\n```tcp-scenario\n  half-close  \n```\n";
    const { hast, facts } = await renderLessonMarkdown(md, "en");
    const figures = find(hast, (e) => e.tagName === "tcp-scenario");
    expect(figures.map((f) => f.properties.preset)).toEqual(["normal-lifecycle", "half-close"]);
    expect(figures.every((f) => f.children.length === 0)).toBe(true);
    expect(find(hast, (e) => e.tagName === "pre")).toHaveLength(0);
    expect(facts.presets).toEqual(["normal-lifecycle", "half-close"]);
    expect(facts.codeLangs).toEqual([]);
  });

  it("should fail on a tcp-scenario fence that does not hold exactly one preset id", async () => {
    await expect(renderLessonMarkdown("```tcp-scenario\nnormal-lifecycle half-close\n```\n", "en")).rejects.toThrow(/exactly one preset id/);
    await expect(renderLessonMarkdown("```tcp-scenario\n```\n", "en")).rejects.toThrow(/exactly one preset id/);
  });

  it("should highlight code at build time with inline colours for both themes and keep text fences plain", async () => {
    const md = "```c\nint fd = socket(AF_INET, SOCK_STREAM, 0);\n```\n\n```text\nC->S [SYN] seq=x\n```\n";
    const { hast, facts } = await renderLessonMarkdown(md, "en");
    const pres = find(hast, (e) => e.tagName === "pre");
    expect(pres).toHaveLength(2);
    const c = toHtml(pres[0]!);
    // Each colour is light-dark(light, dark): the block follows the page's theme (issue #19).
    expect(c).toMatch(/^<pre class="shiki shiki-themes github-light github-dark" style="background-color:light-dark\(#fff, #24292e\);[^"]*color:light-dark\(#24292e, #e1e4e8\)[^"]*" tabindex="0">/);
    // The keyword `int` is coloured by the theme: a token span with its own colour.
    expect(c).toMatch(/<span style="color:light-dark\(#[0-9A-Fa-f]{6}, #[0-9A-Fa-f]{6}\)[^"]*">int<\/span>/);
    const text = toHtml(pres[1]!);
    expect(text).toContain("C->S [SYN] seq=x");
    expect(text).not.toMatch(/<span style="color:/);
    expect(facts.codeLangs).toEqual(["c", "text"]);
  });

  it("should render GitHub-flavoured tables", async () => {
    const { hast } = await renderLessonMarkdown("| state | side |\n|---|---|\n| LAST-ACK | passive |\n", "en");
    const html = toHtml(hast);
    expect(html).toContain("<th>state</th>");
    expect(html).toContain("<td>LAST-ACK</td>");
  });

  it("should not count diagrams or anchors as words but add time for each diagram", async () => {
    const words = Array.from({ length: 190 }, () => "word").join(" ");
    const plain = await renderLessonMarkdown(`## A {#a}\n\n${words}\n`, "en");
    expect(plain.readingMinutes).toBe(1);
    // 190 words ≈ 0.95 min; five 12 s diagrams add 1 min ⇒ 1.95 ⇒ 2.
    const figures = "\n```tcp-scenario\nnormal-lifecycle\n```\n".repeat(5);
    const withFigures = await renderLessonMarkdown(`## A {#a}\n\n${words}\n${figures}`, "en");
    expect(withFigures.readingMinutes).toBe(2);
  });
});
