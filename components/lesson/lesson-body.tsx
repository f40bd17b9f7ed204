import type { Root } from "hast";
import { toJsxRuntime, type Components } from "hast-util-to-jsx-runtime";
import type { ComponentProps } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { ScenarioFigure } from "@/components/sim/scenario-figure";
import type { Translator } from "@/i18n/translator";
import { SCENARIO_ELEMENT } from "@/lib/lessons/pipeline";
import { isPresetId } from "@/lib/tcp";
import type { CalloutType } from "@/lib/lessons/remark-callouts";
import type { Locale } from "@/lib/core";

const calloutStyles: Record<CalloutType, string> = {
  misconception: "border-bad bg-red-50 [&>[data-callout-title]]:text-bad",
  note: "border-brand-600 bg-brand-50 [&>[data-callout-title]]:text-brand-800",
  important: "border-brand-800 bg-brand-50 [&>[data-callout-title]]:text-brand-800",
  tip: "border-ok bg-green-50 [&>[data-callout-title]]:text-ok",
  warning: "border-warn bg-amber-50 [&>[data-callout-title]]:text-warn",
  caution: "border-bad bg-red-50 [&>[data-callout-title]]:text-bad",
};

type DivProps = ComponentProps<"div"> & { "data-callout"?: CalloutType; "data-heading-group"?: string };

/** Headings come wrapped with their "#" anchor (rehype-autolink-headings, behavior "after"). */
function Div({ "data-callout": callout, "data-heading-group": headingGroup, className, ...props }: DivProps) {
  if (callout) {
    return <div {...props} data-callout={callout} className={`my-6 rounded-md border-l-4 px-4 py-1 [&>[data-callout-title]]:font-semibold ${calloutStyles[callout] ?? ""}`} />;
  }
  if (headingGroup) {
    return <div {...props} data-heading-group={headingGroup} className={`group flex items-baseline gap-2 ${headingGroup === "h2" ? "mt-12" : "mt-8"}`} />;
  }
  return <div {...props} className={className} />;
}

function Anchor({ className, ...props }: ComponentProps<"a"> & { "data-heading-anchor"?: string }) {
  if (props["data-heading-anchor"] !== undefined) {
    return <a {...props} className="rounded px-1 text-muted no-underline opacity-60 hover:text-brand-700 hover:opacity-100 focus-visible:opacity-100 group-hover:opacity-100" />;
  }
  return <a {...props} className={className ?? "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"} />;
}

function components(locale: Locale, figureT: Translator): Components {
  const scenario = ({ preset = "" }: { preset?: string }) => {
    // ScenarioFigure shows a notice for an unknown id; in a lesson it is a content error, and
    // throwing here makes the static build fail instead of publishing a broken figure.
    if (!isPresetId(preset)) throw new Error(`lesson embeds unknown tcp-scenario preset "${preset}" (see PRESET_IDS in lib/tcp)`);
    return <ScenarioFigure presetId={preset} locale={locale} t={figureT} />;
  };
  return {
    div: Div,
    a: Anchor,
    // scroll-mt keeps a heading reached by its anchor clear of the page top.
    h2: (props) => <h2 {...props} className="scroll-mt-6 text-2xl font-semibold tracking-tight" />,
    h3: (props) => <h3 {...props} className="scroll-mt-6 text-xl font-semibold" />,
    h4: (props) => <h4 {...props} className="mt-6 font-semibold" />,
    p: (props) => <p {...props} className="my-4 leading-7" />,
    ul: (props) => <ul {...props} className="my-4 list-disc space-y-1.5 pl-6 leading-7" />,
    ol: (props) => <ol {...props} className="my-4 list-decimal space-y-1.5 pl-6 leading-7" />,
    blockquote: (props) => <blockquote {...props} className="my-4 border-l-4 border-line pl-4 text-muted" />,
    pre: ({ className, ...props }) => <pre {...props} className={`${className ?? ""} my-5 overflow-x-auto rounded-md border border-line p-4 text-sm leading-6`} />,
    // Tables scroll sideways on narrow screens instead of widening the page.
    table: (props) => (
      <div className="my-5 overflow-x-auto">
        <table {...props} className="w-full border-collapse text-sm" />
      </div>
    ),
    th: (props) => <th {...props} className="border border-line bg-slate-50 px-3 py-2 text-left font-semibold" />,
    td: (props) => <td {...props} className="border border-line px-3 py-2 align-top" />,
    hr: (props) => <hr {...props} className="my-8 border-line" />,
    [SCENARIO_ELEMENT]: scenario,
  } as Components;
}

/**
 * The lesson's hast (lib/lessons/pipeline.ts) as React, on the server: highlighting is already
 * done, and each `<tcp-scenario>` becomes a ScenarioFigure simulated at build time (`figureT`
 * translates its `sim.figure` strings).
 */
export function LessonBody({ hast, locale, figureT }: { hast: Root; locale: Locale; figureT: Translator }) {
  return (
    <div className="max-w-none text-[1.0625rem] [&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-slate-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:py-0.5 [&_:not(pre)>code]:font-mono [&_:not(pre)>code]:text-[0.9em] [&>*:first-child]:mt-0">
      {toJsxRuntime(hast, { Fragment, jsx, jsxs, components: components(locale, figureT) })}
    </div>
  );
}
