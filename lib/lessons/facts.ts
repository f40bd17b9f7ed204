import type { VFile } from "vfile";

/**
 * What the remark plugins record about a lesson while transforming it (kept on `file.data`),
 * so the content test can compare the two languages without re-parsing the markdown.
 */
export type LessonFacts = {
  /** Every heading in document order: its level (2 = `##`) and its explicit `{#id}` ("" if none). */
  headings: { depth: number; id: string; explicit: boolean }[];
  /** Callout types in document order, lower-case (`misconception`, `note`, …); unknown ones too. */
  callouts: string[];
  /** Preset ids of ```tcp-scenario fences, in document order. */
  presets: string[];
  /** Languages of ordinary fenced code blocks (`null` for a fence without one). */
  codeLangs: (string | null)[];
};

export function lessonFacts(file: VFile): LessonFacts {
  const data = file.data as { lesson?: LessonFacts };
  data.lesson ??= { headings: [], callouts: [], presets: [], codeLangs: [] };
  return data.lesson;
}
