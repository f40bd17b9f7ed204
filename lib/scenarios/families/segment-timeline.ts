/**
 * Family 12 — segment timeline: put the segments (and some state changes) of a generated
 * connection in the order they happen. Items that happen at the same simulated instant may
 * come in either order. Partial credit: the longest run of items already in a correct relative
 * order (longest non-decreasing subsequence of their true time ranks) over the item count.
 *
 * @see RFC 9293 §3.5, §3.6 (opening and closing sequences)
 * @see kernel-fact 02a/02b (3 vs 4 teardown segments), 01-handshake-ipv4
 */
import { z } from "zod";
import type { Localized } from "@/lib/core";
import type { ScenarioInput, SegmentEvent, StateEvent } from "@/lib/tcp";
import type { Answer } from "../answer";
import { listeningServer, pickPort, pickProfile, profileChoiceSchema, TWO_HOSTS } from "../base";
import type { Check } from "../define";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { direction, hostName, L, paragraphs } from "../text";
import { fmtMs, run, ScriptBuilder, segments } from "../trace-query";
import type { InputSpec } from "../types";

const configSchema = familyConfigSchema({
  maxItems: z.number().int().min(4).max(16).default(12),
  profile: profileChoiceSchema,
});
export type SegmentTimelineConfig = z.infer<typeof configSchema>;

type Item = { t: number; seqNo: number; label: Localized };

export function segmentItemLabel(s: SegmentEvent): Localized {
  const dir = direction(s.from, s.to);
  const tail = `${s.len ? ` len=${s.len}` : ""}`;
  const rtx = s.retransmission ? { en: " (retransmission)", zh: "（重传）" } : { en: "", zh: "" };
  const lost = s.fate === "dropped" ? { en: " — lost", zh: "——丢失" } : { en: "", zh: "" };
  return L(`${dir.en} [${s.flags.join(",")}] ${s.label}${tail}${rtx.en}${lost.en}`, `${dir.zh} [${s.flags.join(",")}] ${s.label}${tail}${rtx.zh}${lost.zh}`);
}

function stateItemLabel(e: StateEvent): Localized {
  const h = hostName(e.host);
  return L(`${h.en} enters ${e.to}`, `${h.zh}进入 ${e.to}`);
}

/**
 * Longest subsequence of `ranks` that is non-decreasing; returns the positions in it
 * (deterministic: patience sorting, earliest tails).
 */
export function longestOrderedPositions(ranks: number[]): Set<number> {
  const tails: number[] = []; // position index of the smallest tail for each length
  const prev: number[] = new Array<number>(ranks.length).fill(-1);
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ranks[tails[mid] as number] as number) <= r) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out = new Set<number>();
  let k = tails.length ? (tails[tails.length - 1] as number) : -1;
  while (k >= 0) {
    out.add(k);
    k = prev[k] as number;
  }
  return out;
}

function build(seed: number, cfg: SegmentTimelineConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const port = pickPort(rng);
  const latency = rng.pick([5, 10, 20]);
  const profile = pickProfile(rng, cfg.profile, d);
  const active = rng.chance(0.5) ? "client" : "server";
  const passive = active === "client" ? "server" : "client";
  const withData = d >= 2;
  const passiveDelay = rng.pick([0, 0, 100, 300]);
  const lossKind = d === 3 ? rng.pick(["fin", "synack", "none"] as const) : "none";
  // Close well after the connection (and its data) is established, even after a lost SYN-ACK.
  const closeAt = (lossKind === "synack" ? 1500 : 200) + 10 * latency;
  const sock = (h: string) => (h === "client" ? "c" : "s");

  const s = new ScriptBuilder();
  listeningServer(s, port, { accept: "s" });
  s.add({ id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: `server:${port}` });
  let lastClient = "conn";
  let lastServer = "acc_s";
  const req = rng.int(1, 1000);
  const resp = rng.int(1, 1000);
  if (withData) {
    s.add({ id: "cs", after: "conn", host: "client", sock: "c", call: "send", bytes: req });
    s.add({ id: "sr", after: "acc_s", host: "server", sock: "s", call: "recv" });
    s.add({ id: "ss", after: "sr", host: "server", sock: "s", call: "send", bytes: resp });
    s.add({ id: "cr", after: "cs", host: "client", sock: "c", call: "recv" });
    lastClient = "cr";
    lastServer = "ss";
  }
  s.add({ at: closeAt, host: active, sock: sock(active), call: "close" });
  s.add({ id: "eof", after: passive === "client" ? lastClient : lastServer, host: passive, sock: sock(passive), call: "recv" });
  s.add({ after: "eof", delayMs: passiveDelay, host: passive, sock: sock(passive), call: "close" });
  const faults: NonNullable<ScenarioInput["faults"]> = [];
  if (lossKind === "fin") faults.push({ action: "drop", match: { from: active, flags: ["FIN"] }, nth: 1 });
  if (lossKind === "synack") faults.push({ action: "drop", match: { from: "server", flags: ["SYN", "ACK"], exact: true }, nth: 1 });

  const trace = run({ profile, seed, hosts: TWO_HOSTS, link: { latencyMs: latency }, faults, script: s.steps, untilMs: closeAt + 30_000 });
  const segItems: Item[] = segments(trace).map((g) => ({ t: g.t, seqNo: g.seqNo, label: segmentItemLabel(g) }));
  const stateEvents = trace.events.filter(
    (e): e is StateEvent => e.kind === "state" && ((e.host === "client" && e.socket === "c") || (e.host === "server" && e.socket === "l#1")) && e.to !== "CLOSED" && e.from !== "CLOSED",
  );
  const nStates = d === 1 ? 0 : Math.min(stateEvents.length, d === 2 ? 2 : 3);
  const stateItems: Item[] = rng.sample(stateEvents, nStates).map((e) => ({ t: e.t, seqNo: e.seqNo, label: stateItemLabel(e) }));
  // Keep the item count bounded: all segments first (they carry the story), trimmed from the
  // middle of the data exchange if needed; labels must be unique.
  let items: Item[] = [];
  const seen = new Set<string>();
  for (const it of [...segItems, ...stateItems]) {
    if (seen.has(it.label.en)) continue;
    seen.add(it.label.en);
    items.push(it);
  }
  // Too many: drop the pure ACKs of the data exchange first (the handshake, the teardown, data
  // and losses carry the story), then state items, then data segments, then the latest items.
  const all = segments(trace);
  const firstFin = all.find((g) => g.flags.includes("FIN"))?.t ?? Infinity;
  const handshakeAck = all.find((g) => g.from === "client" && g.flags.length === 1 && g.flags[0] === "ACK");
  const ordinary = (g: SegmentEvent) => !g.flags.includes("SYN") && !g.flags.includes("FIN") && !g.retransmission && g.fate !== "dropped";
  const pureAcks = new Set(all.filter((g) => ordinary(g) && g.len === 0 && g !== handshakeAck && g.t < firstFin).map((g) => g.seqNo));
  const dataSegs = new Set(all.filter((g) => ordinary(g) && g.len > 0).map((g) => g.seqNo));
  const isState = new Set(stateItems.map((i) => i.seqNo));
  while (items.length > cfg.maxItems) {
    let idx = items.findIndex((it) => pureAcks.has(it.seqNo));
    if (idx < 0) idx = items.findIndex((it) => isState.has(it.seqNo));
    if (idx < 0) idx = items.findIndex((it) => dataSegs.has(it.seqNo));
    items.splice(idx >= 0 ? idx : items.length - 1, 1);
  }
  items = [...items].sort((a, b) => a.t - b.t || a.seqNo - b.seqNo);
  const distinctTimes = [...new Set(items.map((i) => i.t))].sort((a, b) => a - b);
  const rank = (it: Item) => distinctTimes.indexOf(it.t);

  // Shuffle for display; ids follow the display order so they reveal nothing.
  let shown = rng.shuffle(items);
  if (shown.every((it, i) => it === items[i])) shown = [...items].reverse();
  const idOf = new Map<Item, string>(shown.map((it, i) => [it, `e${i + 1}`]));
  const byId = new Map<string, Item>(shown.map((it) => [idOf.get(it) as string, it]));
  const correct = items.map((it) => idOf.get(it) as string);
  const answer: Answer = { order: correct };

  const inputs: InputSpec[] = [
    {
      kind: "order",
      id: "order",
      label: L("Put these in the order they happen (earliest first)", "按发生的先后排序（最早的在前）"),
      items: shown.map((it) => ({ id: idOf.get(it) as string, label: it.label })),
    },
  ];

  const storyData = withData
    ? L(`Right after connecting, the client sends ${req} bytes; the server reads them and answers with ${resp} bytes, which the client reads. `, `连接建立后，客户端立即发送 ${req} 字节；服务端读取后回复 ${resp} 字节，客户端读取。`)
    : L("", "");
  const lossText =
    lossKind === "fin"
      ? L(`The ${hostName(active).en}'s first FIN is lost. `, `${hostName(active).zh}的第一个 FIN 丢失。`)
      : lossKind === "synack"
        ? L("The server's first SYN-ACK is lost. ", "服务端的第一个 SYN-ACK 丢失。")
        : L("", "");
  const text = paragraphs(
    L(
      `A client (10.0.0.1) connects to a server (10.0.0.2:${port}); one-way latency ${latency} ms; ${profile === "linux" ? "Linux behaviour" : "RFC 9293 textbook behaviour"}. ${storyData.en}At t = ${closeAt} ms the ${hostName(active).en} calls close(); the ${hostName(passive).en} reads EOF and closes ${passiveDelay === 0 ? "at once" : `${passiveDelay} ms later`}. ${lossText.en}`.trim(),
      `客户端（10.0.0.1）连接服务端（10.0.0.2:${port}）；单向时延 ${latency} ms；${profile === "linux" ? "按 Linux 的行为" : "按 RFC 9293 教科书行为"}。${storyData.zh}t = ${closeAt} ms 时${hostName(active).zh}调用 close()；${hostName(passive).zh}读到 EOF，${passiveDelay === 0 ? "立即" : `${passiveDelay} ms 后`}关闭。${lossText.zh}`,
    ),
    L("seq/ack are relative to the ISNs (x: client, y: server). Items that happen at the same instant may be in either order.", "seq/ack 相对于初始序列号（x：客户端，y：服务端）。同一时刻发生的条目先后不限。"),
  );

  // One check per item (in true order): is it part of the longest correctly ordered run?
  const memo = new WeakMap<object, Set<string>>();
  const inOrder = (a: Answer): Set<string> => {
    const hit = memo.get(a);
    if (hit) return hit;
    const order = Array.isArray(a.order) ? (a.order as string[]) : [];
    const ranks = order.map((id) => {
      const it = byId.get(id);
      return it ? rank(it) : -1;
    });
    const keep = longestOrderedPositions(ranks);
    const ok = new Set(order.filter((id, i) => keep.has(i) && byId.has(id)));
    memo.set(a, ok);
    return ok;
  };
  const checks: Check[] = items.map((it, i) => {
    const id = idOf.get(it) as string;
    return {
      input: "order",
      label: it.label,
      expected: L(`position ${i + 1} (t = ${fmtMs(it.t)} ms)`, `第 ${i + 1} 位（t = ${fmtMs(it.t)} ms）`),
      got: (a: Answer) => {
        const order = Array.isArray(a.order) ? (a.order as string[]) : [];
        const pos = order.indexOf(id);
        return pos < 0 ? L("(missing)", "（缺失）") : L(`position ${pos + 1}, out of order`, `第 ${pos + 1} 位，顺序不对`);
      },
      score: (a: Answer) => (inOrder(a).has(id) ? 1 : 0),
      why: L(`It happens at t = ${fmtMs(it.t)} ms.`, `它发生在 t = ${fmtMs(it.t)} ms。`),
      eventSeqNo: it.seqNo,
    };
  });

  const explanation = paragraphs(
    L("The simulated order:", "模拟得到的顺序："),
    {
      en: items.map((it, i) => `${i + 1}. t = ${fmtMs(it.t)} ms — ${it.label.en}`).join("\n"),
      zh: items.map((it, i) => `${i + 1}. t = ${fmtMs(it.t)} ms —— ${it.label.zh}`).join("\n"),
    },
    L(
      "Each segment is answered one latency after it is sent; a FIN or SYN is acknowledged as seq+1. A lost segment is followed by its retransmission one RTO later.",
      "每个报文段在发出一个单向时延之后才得到回应；FIN 或 SYN 的确认号是 seq+1。丢失的报文段会在一个 RTO 之后被重传。",
    ),
  );

  // Misconceptions: two neighbours from different instants swapped; everything reversed.
  const wrong: Answer[] = [];
  const swapAt = (i: number) => {
    const o = [...correct];
    const a = o[i] as string;
    o[i] = o[i + 1] as string;
    o[i + 1] = a;
    return o;
  };
  const swappable = items.map((_, i) => i).filter((i) => i + 1 < items.length && rank(items[i]!) !== rank(items[i + 1]!));
  for (const i of [swappable[0], swappable[Math.floor(swappable.length / 2)], swappable.at(-1)]) if (i !== undefined) wrong.push({ order: swapAt(i) });
  if (distinctTimes.length > 1) wrong.push({ order: [...correct].reverse() });

  const order = { en: items.map((it, i) => `${i + 1}. ${it.label.en}`).join("\n"), zh: items.map((it, i) => `${i + 1}. ${it.label.zh}`).join("\n") };
  return fromRun(trace, { text, inputs }, { answer, checks, explanation, correctDisplay: { order }, wrong, facets: { active, loss: lossKind, latency } });
}

export const segmentTimeline = defineFamily({
  id: "segment-timeline",
  topic: "segments",
  linkTitle: { en: "Segment timeline of a connection", zh: "一条连接的报文时间线" },
  version: 1,
  variety: { prompts: 1000, answers: 950 },
  title: L("Order the segments", "给报文段排序"),
  description: L(
    "Put the segments and state changes of a generated connection in the order they happen.",
    "把一条生成的连接中的报文段和状态变化按发生顺序排列。",
  ),
  configSchema,
  build,
});

