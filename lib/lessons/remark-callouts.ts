import type { Blockquote, Paragraph, Root } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import en from "@/messages/en/lessons.json";
import zh from "@/messages/zh/lessons.json";
import { lessonFacts } from "./facts";
import type { Locale } from "@/lib/core";

/**
 * GitHub's five alert types plus the course's own MISCONCEPTION (issue #4: each popular-blog error
 * the course corrects gets a "common misconception" callout).
 * @see https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#alerts
 */
export const CALLOUT_TYPES = ["misconception", "note", "tip", "important", "warning", "caution"] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

const labels: Record<Locale, Record<CalloutType, string>> = { en: en.callouts, zh: zh.callouts };

const MARKER = /^\[!([A-Za-z]+)\][ \t]*(?:\r?\n|$)/;

export function isCalloutType(value: string): value is CalloutType {
  return (CALLOUT_TYPES as readonly string[]).includes(value);
}

/**
 * `> [!MISCONCEPTION]` blockquotes become `<div role="note" data-callout="misconception">` with a
 * localized title paragraph first ("Common misconception" / "常见误区"). A marker of an unknown
 * type is recorded (the content test rejects it) and the blockquote is left as it is.
 */
export function remarkCallouts(options: { locale: Locale }) {
  return (tree: Root, file: VFile) => {
    const facts = lessonFacts(file);
    visit(tree, "blockquote", (node: Blockquote) => {
      const first = node.children[0];
      const text = first?.type === "paragraph" ? first.children[0] : undefined;
      const match = text?.type === "text" ? MARKER.exec(text.value) : null;
      if (!first || first.type !== "paragraph" || !text || text.type !== "text" || !match) return;
      const type = match[1]!.toLowerCase();
      facts.callouts.push(type);
      if (!isCalloutType(type)) return;

      text.value = text.value.slice(match[0].length);
      if (text.value === "") first.children.shift();
      if (first.children.length === 0) node.children.shift();

      const title: Paragraph = {
        type: "paragraph",
        children: [{ type: "text", value: labels[options.locale][type] }],
        data: { hProperties: { dataCalloutTitle: "" } },
      };
      node.children.unshift(title);
      node.data = { ...node.data, hName: "div", hProperties: { role: "note", dataCallout: type } };
    });
  };
}
