import { z } from "zod";
import type { Localized } from "@/lib/core";
import type { FamilyConfig, ScenarioFamily } from "@/lib/scenarios/types";

/**
 * A tiny scenario family for the quiz services' tests, independent of the simulator: given a
 * client ISN x, the SYN-ACK must acknowledge x + 1 (RFC 9293 §3.4: a SYN occupies one sequence
 * number). Generation uses the seed arithmetically, so tests can predict every value.
 */
export type FakeParams = { seed: number; isn: number; offset: number };
export type FakeAnswer = { ack: number; state: string };

const L = (en: string, zh: string): Localized => ({ en, zh });

export function fakeIsn(seed: number): number {
  return (seed * 7919 + 1000) % 100_000;
}

export function makeFakeFamily(options: { brokenWrongAnswers?: boolean } = {}): ScenarioFamily<FakeParams, FakeAnswer> {
  return {
    id: "handshake-numbers",
    topic: "handshake",
    title: L("Fake handshake", "假握手"),
    description: L("Test double", "测试替身"),
    configSchema: z.object({ difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2), offset: z.number().int().min(0).max(10).default(0) }) as unknown as z.ZodType<FamilyConfig>,
    generate(seed, config) {
      const offset = typeof config?.offset === "number" ? config.offset : 0;
      const isn = fakeIsn(seed) + offset;
      return {
        params: { seed, isn, offset },
        prompt: {
          text: L(`The client's ISN is ${isn}. What does the SYN-ACK acknowledge?`, `客户端的 ISN 是 ${isn}。SYN-ACK 的确认号是多少？`),
          inputs: [
            { kind: "number", id: "ack", label: L("ack", "确认号") },
            {
              kind: "choice",
              id: "state",
              label: L("Client state after the SYN-ACK", "收到 SYN-ACK 后客户端的状态"),
              options: [
                { id: "ESTABLISHED", label: L("ESTABLISHED", "ESTABLISHED") },
                { id: "SYN-SENT", label: L("SYN-SENT", "SYN-SENT") },
              ],
            },
          ],
        },
        answer: { ack: isn + 1, state: "ESTABLISHED" },
      };
    },
    parse(raw) {
      const r = (raw ?? {}) as Record<string, unknown>;
      const ack = typeof r.ack === "string" ? Number(r.ack) : r.ack;
      if (typeof ack !== "number" || !Number.isInteger(ack)) return { ok: false, error: L("ack must be a whole number", "确认号必须是整数") };
      if (r.state !== "ESTABLISHED" && r.state !== "SYN-SENT") return { ok: false, error: L("choose a state", "请选择状态") };
      return { ok: true, answer: { ack, state: r.state } };
    },
    grade(params, answer) {
      const ackOk = answer.ack === params.isn + 1;
      const stateOk = answer.state === "ESTABLISHED";
      const score = (Number(ackOk) + Number(stateOk)) / 2;
      return {
        score,
        correct: score === 1,
        feedback: L(score === 1 ? "Right." : "Not quite.", score === 1 ? "对。" : "不太对。"),
        explanation: L("A SYN occupies one sequence number.", "SYN 占用一个序列号。"),
        correctAnswer: { ack: params.isn + 1, state: "ESTABLISHED" },
        correctDisplay: { ack: L(String(params.isn + 1), String(params.isn + 1)), state: L("ESTABLISHED", "ESTABLISHED") },
        ...(ackOk ? {} : { divergence: { step: 1, message: L("the ack is x+1", "确认号是 x+1"), eventSeqNo: 3 } }),
      };
    },
    wrongAnswers(params) {
      return options.brokenWrongAnswers ? [{ ack: params.isn + 1, state: "ESTABLISHED" }] : [{ ack: params.isn, state: "ESTABLISHED" }, { ack: params.isn + 1, state: "SYN-SENT" }];
    },
  };
}

/** A family lookup (setFamilyLookup) that serves a fresh fake as "handshake-numbers" and knows no other family. */
export function fakeFamilyLookup(id: string): ScenarioFamily<FakeParams, FakeAnswer> | undefined {
  return id === "handshake-numbers" ? makeFakeFamily() : undefined;
}
