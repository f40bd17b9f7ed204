import { useId } from "react";
import type { ArrowMark, DiagramLayout, TextMark } from "@/lib/diagram";

const MIN_WIDTH = 620;

/**
 * Draws a `DiagramLayout` as SVG. No state, no effects, no browser APIs: it renders on the
 * server (lessons, quizzes) and in the playground alike. The SVG scales down to its column but not
 * below MIN_WIDTH: on a 360 px phone it scrolls sideways inside its region instead of shrinking
 * into unreadable text.
 */
export function SequenceDiagram({ layout, label }: { layout: DiagramLayout; label?: string }) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <div className="scroll-cue overflow-x-auto rounded-md border border-line" role="region" aria-label={label ?? layout.title} tabIndex={0}>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        // Fit the column when there is room, but never shrink below ~620 px of text: narrower
        // screens scroll sideways instead (readable at 360 px).
        style={{ width: "100%", maxWidth: layout.width, minWidth: Math.min(layout.width, MIN_WIDTH), height: "auto" }}
        className="block text-ink"
        data-testid="sequence-diagram"
      >
        <title id={titleId}>{label ?? layout.title}</title>
        <desc id={descId}>{layout.description}</desc>
        <defs>
          <marker id={`${id}-head`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="fill-ink" />
          </marker>
          <marker id={`${id}-head-hl`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="fill-brand-600" />
          </marker>
        </defs>

        {layout.lanes.map((lane) => (
          <g key={lane.id}>
            <text x={lane.x} y={22} textAnchor="middle" fontSize={14} fontWeight={600} className="fill-ink">
              {lane.label}
            </text>
            <text x={lane.x} y={40} textAnchor="middle" fontSize={11} className="fill-muted font-mono">
              {lane.sublabel}
            </text>
            {lane.sublabel6 ? (
              <text x={lane.x} y={53} textAnchor="middle" fontSize={11} className="fill-muted font-mono">
                {lane.sublabel6}
              </text>
            ) : null}
            <line
              x1={lane.x}
              y1={layout.top}
              x2={lane.x}
              y2={layout.bottom}
              strokeWidth={lane.ghost ? 1 : 2}
              strokeDasharray={lane.ghost ? "4 4" : undefined}
              className="stroke-slate-400"
            />
          </g>
        ))}

        {layout.ticks.map((tick, i) => (
          <text key={i} x={8} y={tick.y + 4} fontSize={10} className="fill-muted font-mono">
            {tick.text}
          </text>
        ))}

        {layout.breaks.map((b, i) => (
          <g key={i} data-kind="break">
            {layout.lanes.map((lane) => (
              <g key={lane.id}>
                <rect x={lane.x - 6} y={b.y - 6} width={12} height={12} className="fill-surface" />
                <path d={`M${lane.x - 6},${b.y - 2} l12,-6 M${lane.x - 6},${b.y + 6} l12,-6`} strokeWidth={1.5} className="stroke-slate-400" fill="none" />
              </g>
            ))}
            <text x={b.labelX} y={b.y + 4} textAnchor={b.labelAnchor} fontSize={11} className="fill-muted stroke-surface" paintOrder="stroke" strokeWidth={4}>
              {b.label}
            </text>
          </g>
        ))}

        {layout.arrows.map((a) => (
          <Arrow key={a.seqNo} arrow={a} headId={`${id}-head`} headHlId={`${id}-head-hl`} />
        ))}
        {/* Labels after every line so crossing arrows never paint over a label. */}
        {layout.arrows.map((a) => (
          <ArrowLabel key={a.seqNo} arrow={a} />
        ))}

        {layout.marks.map((m) => (
          <Mark key={m.seqNo} mark={m} />
        ))}

        {layout.cut ? (
          <g data-kind="cut">
            <line x1={8} x2={layout.width - 8} y1={layout.cut.y} y2={layout.cut.y} strokeDasharray="6 4" className="stroke-warn" />
            <text x={layout.width - 10} y={layout.cut.y - 5} textAnchor="end" fontSize={11} className="fill-warn">
              {layout.cut.text}
            </text>
          </g>
        ) : null}
      </svg>
    </div>
  );
}

function Arrow({ arrow: a, headId, headHlId }: { arrow: ArrowMark; headId: string; headHlId: string }) {
  const stroke = a.highlighted ? "stroke-brand-600" : a.fate === "dropped" ? "stroke-bad" : "stroke-ink";
  const width = a.highlighted ? 3 : 1.5;
  const dash = a.fate === "in-flight" ? "6 4" : a.retransmission || a.duplicate ? "5 3" : undefined;
  const marker = a.fate === "delivered" ? `url(#${a.highlighted ? headHlId : headId})` : undefined;
  const path = a.selfLoop
    ? `M${a.x1},${a.y1} C${a.x1 + 90},${a.y1} ${a.x2 + 90},${a.y2} ${a.x2},${a.y2}`
    : `M${a.x1},${a.y1} L${a.x2},${a.y2}`;
  return (
    <g data-kind="segment" data-fate={a.fate} data-segment={a.segmentId} data-seq={a.seqNo} aria-hidden="true">
      <path d={path} fill="none" strokeWidth={width} strokeDasharray={dash} markerEnd={marker} className={stroke} />
      {a.fate === "dropped" ? (
        <g data-kind="drop-mark">
          <path d={`M${a.x2 - 6},${a.y2 - 6} L${a.x2 + 6},${a.y2 + 6} M${a.x2 - 6},${a.y2 + 6} L${a.x2 + 6},${a.y2 - 6}`} strokeWidth={2.5} className="stroke-bad" />
        </g>
      ) : null}
    </g>
  );
}

function ArrowLabel({ arrow: a }: { arrow: ArrowMark }) {
  const fill = a.highlighted ? "fill-brand-700" : a.fate === "dropped" ? "fill-bad" : "fill-ink";
  return (
    <g aria-hidden="true" data-kind="segment-label" data-segment={a.segmentId} data-seq={a.seqNo}>
      <text x={a.labelX} y={a.labelY} textAnchor={a.labelAnchor} fontSize={11.5} className={`${fill} stroke-surface font-mono`} paintOrder="stroke" strokeWidth={4} strokeLinejoin="round">
        {a.label}
      </text>
      {a.sublabel ? (
        <text x={a.labelX} y={a.labelY - 13} textAnchor={a.labelAnchor} fontSize={10.5} fontStyle="italic" className={`${a.fate === "dropped" ? "fill-bad" : "fill-muted"} stroke-surface`} paintOrder="stroke" strokeWidth={4} strokeLinejoin="round">
          {a.sublabel}
        </text>
      ) : null}
    </g>
  );
}

function Mark({ mark: m }: { mark: TextMark }) {
  if (m.kind === "state") {
    const text = m.lines[0] ?? "";
    const w = text.length * 7 + 14;
    return (
      <g data-kind="state" data-seq={m.seqNo} aria-hidden="true">
        <rect x={m.x - w / 2} y={m.y - 8} width={w} height={16} rx={8} strokeWidth={m.highlighted ? 2.5 : 1} className={m.highlighted ? "fill-brand-50 stroke-brand-600" : "fill-brand-50 stroke-brand-700"} />
        <text x={m.x} y={m.y + 4} textAnchor="middle" fontSize={10.5} fontWeight={600} className="fill-brand-800 font-mono">
          {text}
        </text>
      </g>
    );
  }
  const tone = m.highlighted ? "fill-brand-700" : m.tone === "bad" ? "fill-bad" : m.tone === "muted" ? "fill-muted" : "fill-ink";
  const clock =
    m.kind === "timer" ? (
      <g aria-hidden="true" className="stroke-muted" fill="none" strokeWidth={1.2}>
        <circle cx={m.iconX} cy={m.y} r={5} />
        <path d={`M${m.iconX},${m.y - 3} V${m.y} H${m.iconX + 3}`} />
      </g>
    ) : null;
  return (
    <g data-seq={m.seqNo}>
    {clock}
    <text data-kind={m.kind} aria-hidden="true" x={m.x} y={m.y + 4} textAnchor={m.anchor} fontSize={m.kind === "call" || m.kind === "return" ? 11 : 10.5} fontWeight={m.highlighted ? 700 : undefined} className={`${tone} ${m.kind === "call" || m.kind === "return" ? "font-mono" : ""}`}>
      {m.lines.map((line, i) => (
        <tspan key={i} x={m.x} dy={i === 0 ? 0 : 20}>
          {line}
        </tspan>
      ))}
    </text>
    </g>
  );
}
