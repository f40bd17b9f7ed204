import { useId } from "react";
import { ColumnHeads } from "@/components/ui/column-heads";
import { DIAGRAM_H, DIAGRAM_W, layoutEdges, NODE_H, NODE_W, NODES, TRANSITIONS } from "@/lib/state-diagram";
import type { TcpState } from "@/lib/tcp";
import type { Locale } from "@/lib/core/locale";

export type StateDiagramLabels = {
  title: string;
  description: string;
  /** `<summary>` of the transition table (the text alternative). */
  showTable: string;
  from: string;
  event: string;
  to: string;
  source: string;
  rfc: string;
  linux: string;
};

/**
 * The RFC 9293 state diagram (Figure 5 plus Linux's transitions) as SVG, drawn from the one table
 * in lib/state-diagram, with that table as its text alternative. Static markup: it renders on the
 * server for the lesson pages (no React runtime there) and in the playground alike. Lighting is
 * by attributes: `lit` states and the `litTransition` edge here, or `data-lit` set by the
 * playback script (public/playback.js) on the `data-state` / `data-transition` elements.
 */
export function StateDiagram({
  locale,
  labels,
  lit = [],
  litTransition,
}: {
  locale: Locale;
  labels: StateDiagramLabels;
  lit?: TcpState[];
  litTransition?: string;
}) {
  const id = useId();
  const edges = layoutEdges();
  return (
    <div className="flex flex-col gap-2" data-state-diagram="">
      <div className="scroll-cue overflow-x-auto rounded-md border border-line" role="region" aria-label={labels.title} tabIndex={0}>
        <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${DIAGRAM_W} ${DIAGRAM_H}`} style={{ width: "100%", maxWidth: DIAGRAM_W, minWidth: 340, height: "auto" }} className="block text-ink">
          <title id={`${id}-t`}>{labels.title}</title>
          <desc id={`${id}-d`}>{labels.description}</desc>
          <defs>
            {/* userSpaceOnUse: the head keeps its size when the lit edge is drawn thicker. */}
            <marker id={`${id}-h`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="sd-head" />
            </marker>
          </defs>
          {edges.map((e) => (
            <path
              key={e.id}
              d={e.d}
              fill="none"
              markerEnd={`url(#${id}-h)`}
              strokeDasharray={e.transition.source === "linux" ? "5 4" : undefined}
              className="sd-edge"
              data-transition={e.id}
              data-lit={e.id === litTransition ? "" : undefined}
            >
              <title>{`${e.transition.from} → ${e.transition.to}: ${e.transition.events.map((x) => x.text[locale]).join("; ")}`}</title>
            </path>
          ))}
          {NODES.map((n) => (
            <g key={n.key} className="sd-node" data-state={n.state} data-lit={lit.includes(n.state) ? "" : undefined}>
              <rect x={n.x - NODE_W / 2} y={n.y - NODE_H / 2} width={NODE_W} height={NODE_H} rx={6} />
              <text x={n.x} y={n.y + 4.5} textAnchor="middle" fontSize={13} fontWeight={600} className="font-mono">
                {n.state}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <details className="rounded-md border border-line bg-surface px-3 py-2">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{labels.showTable}</summary>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{labels.title}</caption>
            <ColumnHeads names={[labels.from, labels.event, labels.to, labels.source]} />
            <tbody>
              {TRANSITIONS.map((tr) => (
                <tr key={tr.id} className="border-t border-line align-top" data-transition-row={tr.id}>
                  <td className="py-1 pr-3 font-mono">{tr.from}</td>
                  <td className="py-1 pr-3">{tr.events.map((x) => x.text[locale]).join("; ")}</td>
                  <td className="py-1 pr-3 font-mono">{tr.to}</td>
                  <td className="py-1">{tr.source === "rfc9293" ? labels.rfc : labels.linux}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
