import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lessonSlugs, LessonContentError, parseLessonSource, readLessonSources } from "./loader";

const frontMatter = (fields: Record<string, string>) =>
  `---\n${Object.entries({
    slug: "time-wait",
    order: "4",
    title: '"TIME_WAIT"',
    summary: '"Who enters it and why."',
    topic: "time-wait",
    check: "[time-wait, state-after-events]",
    flashcards: "[time-wait]",
    ...fields,
  })
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n")}\n---\n\n## Who {#who}\n\nBody.\n`;

describe("parseLessonSource", () => {
  it("should parse valid front matter and keep the body", () => {
    const source = parseLessonSource("en", "04-time-wait.md", frontMatter({}));
    expect(source.frontMatter).toEqual({
      slug: "time-wait",
      order: 4,
      title: "TIME_WAIT",
      summary: "Who enters it and why.",
      topic: "time-wait",
      check: ["time-wait", "state-after-events"],
      flashcards: ["time-wait"],
    });
    expect(source.body.trim()).toBe("## Who {#who}\n\nBody.");
    expect(source.file).toBe(path.join("content", "lessons", "en", "04-time-wait.md"));
  });

  it("should name the file and the field for invalid front matter", () => {
    expect(() => parseLessonSource("zh", "04-time-wait.md", frontMatter({ check: "[time-wait, no-such-family]" }))).toThrow(
      /content\/lessons\/zh\/04-time-wait\.md: invalid front matter: check\.1: /,
    );
    expect(() => parseLessonSource("en", "04-time-wait.md", frontMatter({ topic: "congestion" }))).toThrow(/topic: /);
    expect(() => parseLessonSource("en", "04-time-wait.md", frontMatter({ summary: "" }))).toThrow(/summary: /);
    expect(() => parseLessonSource("en", "04-time-wait.md", frontMatter({ check: "[]" }))).toThrow(/check: /);
    expect(() => parseLessonSource("en", "04-time-wait.md", frontMatter({ extra: "1" }))).toThrow(LessonContentError);
  });

  it("should reject a file name that does not match NN-slug of the front matter", () => {
    expect(() => parseLessonSource("en", "05-time-wait.md", frontMatter({}))).toThrow(/must be 04-time-wait\.md/);
    expect(() => parseLessonSource("en", "04-timewait.md", frontMatter({}))).toThrow(/must be 04-time-wait\.md/);
    expect(() => parseLessonSource("en", "time-wait.md", frontMatter({}))).toThrow(/NN-slug\.md/);
  });
});

describe("lessonSlugs", () => {
  let root = "";
  const write = (locale: string, name: string, text: string) => {
    mkdirSync(path.join(root, locale), { recursive: true });
    writeFileSync(path.join(root, locale, name), text);
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("should list slugs in course order when every lesson exists in both languages", () => {
    root = mkdtempSync(path.join(tmpdir(), "lessons-"));
    for (const l of ["en", "zh"]) {
      write(l, "04-time-wait.md", frontMatter({}));
      write(l, "02-three-way-handshake.md", frontMatter({ slug: "three-way-handshake", order: "2", topic: "handshake" }));
    }
    expect(lessonSlugs(root)).toEqual(["three-way-handshake", "time-wait"]);
    expect(readLessonSources("zh", root).map((s) => s.frontMatter.order)).toEqual([2, 4]);
  });

  it("should fail when a lesson lacks its translation", () => {
    root = mkdtempSync(path.join(tmpdir(), "lessons-"));
    write("en", "04-time-wait.md", frontMatter({}));
    write("en", "02-three-way-handshake.md", frontMatter({ slug: "three-way-handshake", order: "2", topic: "handshake" }));
    write("zh", "04-time-wait.md", frontMatter({}));
    expect(() => lessonSlugs(root)).toThrow(/lessons differ between en and zh: 2:three-way-handshake/);
  });

  it("should fail on two lessons with the same order", () => {
    root = mkdtempSync(path.join(tmpdir(), "lessons-"));
    write("en", "04-time-wait.md", frontMatter({}));
    write("en", "04-other.md", frontMatter({ slug: "other" }));
    expect(() => readLessonSources("en", root)).toThrow(/same order or slug/);
  });
});
