/**
 * Wording shared by the families (both languages). TCP state names stay in English capitals
 * in Chinese too, as Chinese engineers write them.
 */
import { TCP_STATES, type Errno, type TcpState } from "@/lib/tcp";
import type { Localized } from "@/lib/core";
import type { Scenario } from "@/lib/tcp";
import { same } from "./answer";
import type { InputSpec } from "./types";

export const HOST: Record<"client" | "server", Localized> = {
  client: { en: "client", zh: "客户端" },
  server: { en: "server", zh: "服务端" },
};

export function hostName(h: string): Localized {
  return h === "client" || h === "server" ? HOST[h] : { en: h, zh: h };
}

/** "client → server" in both languages. */
export function direction(from: string, to: string | null): Localized {
  const f = hostName(from);
  const t = to === null ? { en: "(nowhere)", zh: "（无主机）" } : hostName(to);
  return { en: `${f.en} → ${t.en}`, zh: `${f.zh} → ${t.zh}` };
}

export function stateLabel(s: TcpState): Localized {
  if (s === "CLOSED") return { en: "CLOSED (no connection: never opened, or gone)", zh: "CLOSED（没有连接：从未建立或已释放）" };
  return { en: s, zh: s };
}

/** The eleven RFC 9293 states as choice options (CLOSED also stands for "no socket"). */
export function stateOptions(): { id: string; label: Localized }[] {
  return TCP_STATES.map((s) => ({ id: s, label: stateLabel(s) }));
}

/** A state read from a trace as an option id: a socket that does not exist (yet) is CLOSED. */
export function stateOptionId(s: TcpState | null): TcpState {
  return s ?? "CLOSED";
}

export const ERRNO_TEXT: Partial<Record<Errno, Localized>> = {
  ECONNREFUSED: { en: "ECONNREFUSED (connection refused)", zh: "ECONNREFUSED（连接被拒绝）" },
  ETIMEDOUT: { en: "ETIMEDOUT (timed out)", zh: "ETIMEDOUT（超时）" },
  ECONNRESET: { en: "ECONNRESET (connection reset by peer)", zh: "ECONNRESET（连接被对端重置）" },
  EPIPE: { en: "EPIPE (broken pipe)", zh: "EPIPE（管道破裂）" },
  EADDRINUSE: { en: "EADDRINUSE (address already in use)", zh: "EADDRINUSE（地址已被占用）" },
  EAGAIN: { en: "EAGAIN (would block)", zh: "EAGAIN（会阻塞）" },
  ENOTCONN: { en: "ENOTCONN (not connected)", zh: "ENOTCONN（未连接）" },
};

export function errnoLabel(e: Errno): Localized {
  return ERRNO_TEXT[e] ?? { en: e, zh: e };
}

/** Join paragraphs. */
export function paragraphs(...parts: (Localized | undefined | false)[]): Localized {
  const ps = parts.filter((p): p is Localized => Boolean(p));
  return { en: ps.map((p) => p.en).join("\n\n"), zh: ps.map((p) => p.zh).join("\n\n") };
}

export function L(en: string, zh: string): Localized {
  return { en, zh };
}

/**
 * Choice options from their labels, in the order written (ids are never integer-like, so the
 * object keeps that order): `choices({ yes: L("yes", "是"), no: L("no", "否") })`.
 */
export function choices<const K extends string>(labels: Record<K, Localized>): { id: K; label: Localized }[] {
  return (Object.keys(labels) as K[]).map((id) => ({ id, label: labels[id] }));
}

/** What a socket call returned, as the choice options several families ask about. */
export const CALL_RESULT_OPTIONS = choices({
  positive: { en: "a positive byte count", zh: "一个正的字节数" },
  zero: { en: "0", zh: "0" },
  ECONNRESET: { en: "-1, errno ECONNRESET", zh: "-1，errno 为 ECONNRESET" },
  EPIPE: { en: "-1, errno EPIPE", zh: "-1，errno 为 EPIPE" },
  blocks: { en: "nothing: the call blocks", zh: "不返回：调用一直阻塞" },
});

/** The label of a choice option by its id (the id itself for an unknown one). */
export function optionLabel(options: readonly { id: string; label: Localized }[], id: string): Localized {
  return options.find((o) => o.id === id)?.label ?? same(id);
}

/** The correct display of an optional "when" left empty because nothing is retransmitted. */
export const NOTHING_RETRANSMITTED = L("(empty: nothing is retransmitted)", "（留空：没有重传）");

/** The pair of inputs the loss families ask: what is retransmitted first (one of `what`), and when. */
export function firstRetransmissionInputs(what: { id: string; label: Localized }[]): InputSpec[] {
  return [
    { kind: "choice", id: "what", label: L("What is retransmitted first?", "第一个重传的是什么？"), options: what },
    {
      kind: "number",
      id: "when",
      label: L("When is it sent (t in ms)? Leave empty if nothing is retransmitted.", "它在何时发出（t，毫秒）？没有重传则留空。"),
      unit: L("ms", "ms"),
      max: 1_200_000,
    },
  ];
}

/** What a draft needs for that "when": it may be left empty, and then is shown as "nothing is retransmitted". */
export function firstRetransmissionWhen(when: number | null): { correctDisplay: Record<string, Localized>; optional: string[] } {
  return { correctDisplay: when === null ? { when: NOTHING_RETRANSMITTED } : {}, optional: ["when"] };
}

/** Captions of a prompt's diagram cut before the part being asked. */
export const APPEARS_AFTER = {
  handshake: L("The handshake appears after you answer.", "提交答案后才显示握手过程。"),
  teardown: L("The teardown appears after you answer.", "提交答案后才显示挥手过程。"),
};

/**
 * A prompt's diagram cut just before `atMs` (the call whose outcome is asked), so it shows the
 * set-up but not the states and segments being asked; the full run is drawn after submission.
 */
export function diagramBefore(scenario: Scenario, atMs: number, caption: Localized): { scenario: Scenario; showUntilMs: number; caption: Localized } {
  return { scenario, showUntilMs: atMs - 0.5, caption };
}
