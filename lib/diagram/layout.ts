/**
 * Pure layout of a simulator trace into a sequence diagram (no React, no DOM): the SVG
 * component in components/sim only draws what this returns, so the geometry is unit-tested.
 *
 * Time runs downwards. Each distinct event time is a "row group"; inside a group every lane
 * stacks its items (arrivals first, then the events in trace order) so nothing overlaps. The gap
 * between groups grows with the logarithm of the idle time and is capped, and gaps of
 * `breakMs` or more get a visible "… 59.9 s …" break: a 60 s TIME-WAIT stays one short break
 * instead of a metre of empty timeline.
 */
import type { Locale } from "@/lib/core/locale";
import type { SegmentEvent, Trace, TraceEvent } from "@/lib/tcp";
import { canonicalIp } from "@/lib/tcp/addr";
import { callText, formatDuration, formatTime, returnText, segmentText, synOptionsText, words } from "./text";

export type LayoutOptions = {
  locale: Locale;
  /** Lane order (host names). Default: the scenario's hosts in order. */
  hosts?: string[];
  /** Event (trace seqNo) to emphasise, e.g. where a student's answer first departs. */
  highlightSeqNo?: number;
  /** Show only what happened up to this time (ms): a quiz must not reveal what comes next. */
  untilMs?: number;
  /** Stop drawing after this many segments (the event table still lists everything). */
  maxSegments?: number;
};

export type Lane = {
  /** Host name, `"flood"` for spoofed SYN sources, or `"?<ip>"` for an address no host owns. */
  id: string;
  label: string;
  sublabel: string;
  /**
   * The host's IPv6 address (RFC 5952 text) on a line of its own under `sublabel`, or "". Two
   * lines keep every lane header within GEOMETRY.laneGap: the widest IPv6 text (39 characters)
   * is ~265 px at 11 px mono, beside the IPv4 one it would be ~390 px.
   */
  sublabel6: string;
  x: number;
  ghost: boolean;
};

export type ArrowFate = "delivered" | "dropped" | "in-flight";

export type ArrowMark = {
  seqNo: number;
  segmentId: number;
  fromLane: string;
  toLane: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** `[SYN,ACK] seq=y ack=x+1` */
  label: string;
  /** "retransmission", "lost (fault)", … (empty when there is nothing to add). */
  sublabel: string;
  labelX: number;
  labelY: number;
  labelAnchor: "start" | "end";
  fate: ArrowFate;
  retransmission: boolean;
  duplicate: boolean;
  /** Same lane at both ends (TCP self-connect): drawn as a loop. */
  selfLoop: boolean;
  highlighted: boolean;
};

export type MarkKind = "state" | "call" | "return" | "timer" | "note";

export type TextMark = {
  seqNo: number;
  kind: MarkKind;
  lane: string;
  x: number;
  y: number;
  /** One entry per line (notes wrap). */
  lines: string[];
  anchor: "start" | "middle" | "end";
  /** Where a timer's clock icon goes (between the lane and the text). */
  iconX: number;
  highlighted: boolean;
  tone: "normal" | "bad" | "muted";
};

export type BreakMark = { y: number; label: string; ms: number; labelX: number; labelAnchor: "start" | "middle" };
export type TimeTick = { y: number; t: number; text: string };

export type DiagramLayout = {
  width: number;
  height: number;
  /** y where the lanes' lines start and end. */
  top: number;
  bottom: number;
  lanes: Lane[];
  arrows: ArrowMark[];
  marks: TextMark[];
  breaks: BreakMark[];
  ticks: TimeTick[];
  /** When `untilMs` cut the trace: where and the text to show there. */
  cut: { y: number; text: string } | null;
  /** Events after the drawing limit (still in the table). */
  omitted: number;
  truncated: boolean;
  title: string;
  description: string;
  /** Visible time span (ms). */
  startMs: number;
  endMs: number;
};

/** Geometry in px; exported so the SVG and tests agree. */
export const GEOMETRY = {
  gutter: 66,
  side: 200,
  laneGap: 360,
  header: 58,
  lineH: 20,
  minGap: 8,
  maxGap: 44,
  breakH: 30,
  breakMs: 100,
  labelInset: 72,
  dropFraction: 0.5,
  footer: 28,
  noteChars: 36,
} as const;

/** Rough text width in px (11–12 px fonts): CJK glyphs are about twice as wide as Latin ones. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 12 : 6.8;
  return w;
}

/** Wraps on spaces (English) or anywhere (Chinese) so each line is at most ~`maxWidth` px. */
export function wrapText(text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  const tokens = text.match(/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|\s+/g) ?? [];
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (line) line += " ";
      continue;
    }
    if (line && textWidth(line + token) > maxWidth) {
      lines.push(line.trimEnd());
      line = token;
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length ? lines : [""];
}

const SPOOFED = /^198\.1[89]\./; // RFC 2544 benchmarking range used by the simulator's floods

/** Lane a segment's far end belongs to. */
function destinationLane(ev: SegmentEvent): string {
  if (ev.to !== null) return ev.to;
  // "[fd00::9]:80" → "fd00::9": the lane names the address, as a host lane's sublabel does.
  const ip = ev.dst.slice(0, ev.dst.lastIndexOf(":")).replace(/^\[(.*)\]$/, "$1");
  return SPOOFED.test(ip) ? "flood" : `?${ip}`;
}

/** Gap between two row groups for an idle time of `dt` ms. */
export function gapFor(dt: number): number {
  if (dt <= 0) return 0;
  return Math.min(GEOMETRY.maxGap, GEOMETRY.minGap + 14 * Math.log10(1 + dt));
}

type Item =
  | { type: "send"; t: number; lane: string; ev: SegmentEvent }
  | { type: "arrive"; t: number; lane: string; ev: SegmentEvent }
  | { type: "mark"; t: number; lane: string; seqNo: number; kind: MarkKind; lines: string[]; tone: TextMark["tone"] };

/** Which events the diagram draws (the table shows them all). */
function drawable(ev: TraceEvent): boolean {
  switch (ev.kind) {
    case "segment":
    case "call":
    case "note":
      return true;
    case "state":
      return ev.from !== ev.to;
    case "return":
      return true;
    case "timer":
      // Delayed-ACK and retransmission bookkeeping would bury the picture; their effect is the
      // segment itself. Fires of retransmission timers and the long timers are the lesson.
      if (ev.timer === "delack") return false;
      if (ev.action === "fire") return true;
      return ev.action === "set" && (ev.timer === "time-wait" || ev.timer === "fin-wait-2");
  }
}

/** Layout fields that are pixel coordinates (times, counts and ids are left exact). */
const COORDINATE_KEYS = new Set(["x", "y", "x1", "y1", "x2", "y2", "labelX", "labelY", "iconX", "width", "height", "top", "bottom"]);

/**
 * Coordinates come out of proportional time scaling with up to 16 significant digits; two
 * decimals are far below a pixel and keep the server-rendered SVG (and its RSC copy) small.
 */
function roundCoordinates<T>(value: T): T {
  if (Array.isArray(value)) return value.map(roundCoordinates) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === "number" && COORDINATE_KEYS.has(k) ? Math.round(v * 100) / 100 : roundCoordinates(v)]),
    ) as T;
  }
  return value;
}

export function layoutSequence(trace: Trace, options: LayoutOptions): DiagramLayout {
  return roundCoordinates(layoutUnrounded(trace, options));
}

function layoutUnrounded(trace: Trace, options: LayoutOptions): DiagramLayout {
  const w = words(options.locale);
  const G = GEOMETRY;
  const until = options.untilMs;
  const visible = trace.events.filter((ev) => until === undefined || ev.t <= until);

  // ---- lanes -------------------------------------------------------------------------------
  const hostOrder = options.hosts ?? trace.scenario.hosts.map((h) => h.name);
  const ipOf = new Map(trace.scenario.hosts.map((h) => [h.name, h.ip]));
  const ip6Of = new Map(trace.scenario.hosts.map((h) => [h.name, h.ip6 === undefined ? "" : (canonicalIp(h.ip6) ?? h.ip6)]));
  const laneIds: string[] = [];
  const segments = visible.filter((e): e is SegmentEvent => e.kind === "segment");
  if (segments.some((s) => s.from === "flood" || destinationLane(s) === "flood")) {
    // Spoofed sources sit right beside the host under attack so their arrows cross no one else.
    laneIds.push("flood");
    const target = trace.scenario.flood?.target;
    if (target && options.hosts === undefined) laneIds.push(target);
  }
  for (const h of hostOrder) if (!laneIds.includes(h)) laneIds.push(h);
  for (const h of trace.scenario.hosts) if (!laneIds.includes(h.name)) laneIds.push(h.name);
  // An address nobody owns gets a ghost lane right after the first host that sends to it, so its
  // arrows do not pass through another host's timeline.
  for (const s of segments) {
    const d = destinationLane(s);
    if (laneIds.includes(d)) continue;
    const after = laneIds.indexOf(s.from);
    laneIds.splice(after < 0 ? laneIds.length : after + 1, 0, d);
  }
  const laneIndex = new Map(laneIds.map((id, i) => [id, i]));
  const laneX = (id: string) => G.gutter + G.side + (laneIndex.get(id) ?? 0) * G.laneGap;
  const lanes: Lane[] = laneIds.map((id) => ({
    id,
    label: id === "flood" ? w.spoofed : id.startsWith("?") ? w.noHost : id,
    sublabel: id === "flood" ? "198.18.0.0/15" : id.startsWith("?") ? id.slice(1) : (ipOf.get(id) ?? ""),
    sublabel6: ip6Of.get(id) ?? "",
    x: laneX(id),
    ghost: id === "flood" || id.startsWith("?"),
  }));
  const lastLane = laneIds.length - 1;
  /** Annotations sit outside the outer lanes; inner lanes write to their right. */
  // With a single lane (self-connect) the loops take the right side, so text goes left.
  const side = (lane: string): "start" | "end" => ((laneIndex.get(lane) ?? 0) === 0 ? "end" : "start");

  // ---- sockets per host (prefix state names when a host has several) ------------------------
  const socketsOf = new Map<string, Set<string>>();
  for (const ev of visible)
    if (ev.kind === "state") {
      const set = socketsOf.get(ev.host) ?? new Set<string>();
      set.add(ev.socket);
      socketsOf.set(ev.host, set);
    }
  const many = (host: string) => (socketsOf.get(host)?.size ?? 0) > 1;

  // ---- items ---------------------------------------------------------------------------------
  /** Width an annotation beside a lane may take before it wraps (the side column less margins). */
  const textRoom = G.side - 24;
  const returnsMerged = new Set<number>();
  /** A call drawn together with its return answers for both events (for highlighting). */
  const mergedInto = new Map<number, number>();
  const byStep = new Map<string, TraceEvent>();
  for (const ev of visible) if (ev.kind === "return") byStep.set(`${ev.host}#${ev.step}#${ev.t}`, ev);
  const items: Item[] = [];
  const maxSegments = options.maxSegments ?? 150;
  let drawnSegments = 0;
  let omitted = 0;
  let stopAt = Infinity;
  for (const ev of visible) {
    if (!drawable(ev) || returnsMerged.has(ev.seqNo)) continue;
    if (ev.t > stopAt) {
      omitted++;
      continue;
    }
    switch (ev.kind) {
      case "segment": {
        if (drawnSegments >= maxSegments) {
          stopAt = ev.t;
          omitted++;
          continue;
        }
        drawnSegments++;
        items.push({ type: "send", t: ev.t, lane: ev.from, ev });
        const arrives = ev.fate !== "dropped" && ev.arriveAt !== null && ev.to !== null;
        if (arrives && ev.arriveAt !== null && (until === undefined || ev.arriveAt <= until))
          items.push({ type: "arrive", t: ev.arriveAt, lane: ev.to ?? destinationLane(ev), ev });
        break;
      }
      case "state": {
        const text = `${many(ev.host) ? `${ev.socket}: ` : ""}${ev.to}`;
        items.push({ type: "mark", t: ev.t, lane: ev.host, seqNo: ev.seqNo, kind: "state", lines: [text], tone: "normal" });
        break;
      }
      case "call": {
        let text = callText(ev.call, ev.args);
        const ret = byStep.get(`${ev.host}#${ev.step}#${ev.t}`);
        let tone: TextMark["tone"] = "normal";
        if (ret && ret.kind === "return" && ret.blockedMs === 0) {
          returnsMerged.add(ret.seqNo);
          mergedInto.set(ev.seqNo, ret.seqNo);
          text += ` ${returnText(ret)}`;
          if (ret.errno && ret.errno !== "EINPROGRESS" && ret.errno !== "EAGAIN") tone = "bad";
        }
        items.push({ type: "mark", t: ev.t, lane: ev.host, seqNo: ev.seqNo, kind: "call", lines: wrapText(text, textRoom), tone });
        break;
      }
      case "return": {
        const extra = ev.as ? ` (${ev.as})` : ev.data !== undefined ? ` "${ev.data.length > 12 ? `${ev.data.slice(0, 11)}…` : ev.data}"` : "";
        const text = `${ev.call}() ${returnText(ev)}${extra}`;
        const tone = ev.errno && ev.errno !== "EINPROGRESS" && ev.errno !== "EAGAIN" ? "bad" : "normal";
        items.push({ type: "mark", t: ev.t, lane: ev.host, seqNo: ev.seqNo, kind: "return", lines: wrapText(text, textRoom), tone });
        break;
      }
      case "timer": {
        const what = w.timer[ev.timer];
        const extra = ev.action === "set" && ev.at !== undefined ? ` (${formatDuration(ev.at - ev.t)})` : ev.retries ? ` · ${w.retries(ev.retries)}` : "";
        items.push({ type: "mark", t: ev.t, lane: ev.host, seqNo: ev.seqNo, kind: "timer", lines: wrapText(`${what} ${w.timerAction[ev.action]}${extra}`, textRoom - 12), tone: "muted" });
        break;
      }
      case "note": {
        const lane = ev.host ?? laneIds.find((l) => !l.startsWith("?") && l !== "flood") ?? laneIds[0] ?? "";
        const lines = wrapText(ev.message[options.locale], textRoom);
        items.push({ type: "mark", t: ev.t, lane, seqNo: ev.seqNo, kind: "note", lines, tone: "muted" });
        break;
      }
    }
  }

  // Arrivals first inside a time group (they cause what follows), then trace order.
  const order = (it: Item) => (it.type === "arrive" ? -1 : it.type === "send" ? it.ev.seqNo : it.seqNo);
  items.sort((a, b) => a.t - b.t || (a.type === "arrive" ? 0 : 1) - (b.type === "arrive" ? 0 : 1) || order(a) - order(b));

  // ---- vertical placement -------------------------------------------------------------------
  const firstX = laneX(laneIds[0] ?? "");
  const breakLabelAt =
    lastLane > 0
      ? { labelX: firstX + (laneX(laneIds[1] ?? "") - firstX) / 2, labelAnchor: "middle" as const }
      : { labelX: firstX + 24, labelAnchor: "start" as const };
  const ticks: TimeTick[] = [];
  const breaks: BreakMark[] = [];
  const sendY = new Map<number, number>();
  const arriveY = new Map<number, number>();
  const marks: TextMark[] = [];
  let y = G.header + 24;
  let groupStart = y;
  let groupT: number | null = null;
  let slots = new Map<string, number>();
  const closeGroup = () => Math.max(1, ...slots.values()) * G.lineH;
  for (const it of items) {
    if (groupT === null || it.t !== groupT) {
      if (groupT !== null) {
        const dt = it.t - groupT;
        y = groupStart + closeGroup() + gapFor(dt) - G.lineH;
        if (dt >= G.breakMs) {
          breaks.push({ y: y + G.breakH / 2, label: w.gap(formatDuration(dt)), ms: dt, ...breakLabelAt });
          y += G.breakH;
        }
        y += G.lineH;
      }
      groupStart = y;
      groupT = it.t;
      slots = new Map();
      ticks.push({ y: groupStart, t: it.t, text: formatTime(it.t) });
    }
    const used = slots.get(it.lane) ?? 0;
    const itemY = groupStart + used * G.lineH;
    if (it.type === "send") {
      sendY.set(it.ev.seqNo, itemY);
      slots.set(it.lane, used + 1);
    } else if (it.type === "arrive") {
      arriveY.set(it.ev.seqNo, itemY);
      slots.set(it.lane, used + 1);
    } else {
      const anchor = it.kind === "state" ? "middle" : side(it.lane);
      const lx = laneX(it.lane);
      const inset = it.kind === "timer" ? 26 : 14;
      const x = anchor === "middle" ? lx : anchor === "end" ? lx - inset : lx + inset;
      const iconX = anchor === "end" ? lx - 14 : lx + 14;
      marks.push({ seqNo: it.seqNo, kind: it.kind, lane: it.lane, x, y: itemY, lines: it.lines, anchor, iconX, highlighted: options.highlightSeqNo !== undefined && (it.seqNo === options.highlightSeqNo || mergedInto.get(it.seqNo) === options.highlightSeqNo), tone: it.tone });
      slots.set(it.lane, used + it.lines.length);
    }
  }
  let bottom = groupT === null ? y : groupStart + closeGroup();
  let cut: DiagramLayout["cut"] = null;
  const endMs = until ?? trace.endedAt;
  if (until !== undefined) {
    const lastT = groupT ?? 0;
    if (until > lastT) bottom += gapFor(until - lastT) + G.lineH;
    cut = { y: bottom, text: w.cutAt(formatTime(until)) };
  }
  bottom += G.lineH;

  // ---- arrows --------------------------------------------------------------------------------
  const arrows: ArrowMark[] = [];
  const placedLabels: { x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const it of items) {
    if (it.type !== "send") continue;
    const ev = it.ev;
    const y1 = sendY.get(ev.seqNo) ?? 0;
    const fromLane = ev.from;
    const toLane = destinationLane(ev);
    const x1 = laneX(fromLane);
    const xTo = laneX(toLane);
    const selfLoop = fromLane === toLane;
    let fate: ArrowFate = "delivered";
    let x2 = xTo;
    let y2: number;
    const arrived = arriveY.get(ev.seqNo);
    const wouldArrive = ev.fate !== "dropped" && ev.arriveAt !== null && ev.to !== null;
    if (arrived !== undefined) y2 = arrived;
    else if (wouldArrive && cut) {
      fate = "in-flight";
      x2 = selfLoop ? x1 : x1 + (xTo - x1) * 0.6;
      y2 = cut.y;
    } else if (ev.to === null && ev.cause !== "fault") {
      // Sent to an address nobody owns (a spoofed flood source, a black hole): it travels all the
      // way to that ghost lane and ends there in a ✕.
      fate = "dropped";
      y2 = y1 + G.lineH;
    } else {
      // Lost on the way (a fault, a full queue): the arrow stops halfway with a ✕.
      fate = "dropped";
      x2 = selfLoop ? x1 : x1 + (xTo - x1) * G.dropFraction;
      y2 = y1 + G.lineH;
    }
    const duplicate = ev.copyOf !== undefined;
    const notes: string[] = [];
    if (ev.retransmission) notes.push(w.retransmission);
    if (ev.fate === "dropped" || (ev.to === null && fate === "dropped")) notes.push(w.droppedBy[ev.cause ?? "fault"] ?? w.dropped);
    if (duplicate) notes.push(w.droppedBy.duplicate ?? w.duplicated);
    else if (ev.fate === "duplicated") notes.push(w.duplicated);
    if (ev.fate === "delayed") notes.push(w.delayed);
    if (fate === "in-flight") notes.push(w.inFlight);
    const synOptions = synOptionsText(ev);
    if (synOptions) notes.push(synOptions);
    const label = segmentText(ev);
    const rightwards = selfLoop || x2 >= x1;
    const labelAnchor: "start" | "end" = rightwards ? "start" : "end";
    const span = Math.abs(x2 - x1) || 1;
    const inset = selfLoop ? 48 : Math.min(G.labelInset, span / 4);
    let labelX = rightwards ? x1 + inset : x1 - inset;
    let labelY = selfLoop ? y1 + (y2 - y1) / 2 + 4 : y1 + (y2 - y1) * (inset / span) - 5;
    // Crossing arrows (simultaneous open/close) would print labels on top of each other: try
    // below the line instead.
    const box = (lx: number, ly: number) => {
      const width = Math.max(textWidth(label), textWidth(notes.join(" · ")));
      const x0 = labelAnchor === "start" ? lx : lx - width;
      return { x0, x1: x0 + width, y0: ly - 12 - (notes.length ? 13 : 0), y1: ly + 3 };
    };
    const overlaps = (b: ReturnType<typeof box>) => placedLabels.some((p) => b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1);
    // Crossing arrows (simultaneous open/close, data and ACKs in flight together) would print
    // their labels on top of each other: lift the later label a line at a time.
    if (overlaps(box(labelX, labelY))) {
      const near = labelX;
      for (let lift = 1; lift <= 3; lift++) {
        const ly = labelY - lift * 13 - (notes.length ? 13 : 0);
        if (!overlaps(box(near, ly))) {
          labelX = near;
          labelY = ly;
          break;
        }
      }
    }
    placedLabels.push(box(labelX, labelY));
    arrows.push({
      seqNo: ev.seqNo,
      segmentId: ev.id,
      fromLane,
      toLane,
      x1,
      y1,
      x2,
      y2,
      label,
      sublabel: notes.join(" · "),
      labelX,
      labelY,
      labelAnchor,
      fate,
      retransmission: ev.retransmission,
      duplicate,
      selfLoop,
      highlighted: ev.seqNo === options.highlightSeqNo,
    });
    bottom = Math.max(bottom, y2 + G.lineH);
  }

  const width = G.gutter + G.side * 2 + Math.max(0, lastLane) * G.laneGap + (laneIds.length === 1 ? 80 : 0);
  const height = bottom + G.footer;
  const hostNames = lanes.filter((l) => !l.ghost).map((l) => l.label);
  const dropped = arrows.filter((a) => a.fate === "dropped").length;
  const startMs = visible[0]?.t ?? 0;
  const title = hostNames.join(" ⇄ ");
  const description = w.describe(hostNames, segments.length, dropped, formatTime(endMs));

  return {
    width,
    height,
    top: G.header,
    bottom,
    lanes,
    arrows,
    marks,
    breaks,
    ticks,
    cut,
    omitted,
    truncated: trace.truncated && until === undefined,
    title,
    description,
    startMs,
    endMs,
  };
}
