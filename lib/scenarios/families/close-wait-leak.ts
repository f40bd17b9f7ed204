/**
 * Family 9 — CLOSE-WAIT leak: a server that forgets to close() some connections after the
 * client hung up. How many sockets are in CLOSE-WAIT, FIN-WAIT-2 and TIME-WAIT at a given
 * moment, and what becomes of the leaked ones.
 *
 * @see RFC 9293 §3.6 (CLOSE-WAIT lasts until the application closes)
 * @see kernel-fact 02b-teardown-server-closes-after-300ms (FIN-WAIT-2 / CLOSE-WAIT while the server has not closed)
 * @see net/ipv4/tcp_input.c tcp_rcv_state_process() (an orphaned FIN-WAIT-2 lives tcp_fin_timeout seconds once its FIN is ACKed)
 */
import { z } from "zod";
import { same, type Answer } from "../answer";
import { KNOB, knobList, pickPort, type Knob, TWO_HOSTS } from "../base";
import { choiceCheck, numberCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { choices, L, paragraphs } from "../text";
import { countStateAt, run, ScriptBuilder } from "../trace-query";
import type { InputSpec } from "../types";

const configSchema = familyConfigSchema({
  clientsMax: z.number().int().min(2).max(10).default(8),
});
export type CloseWaitLeakConfig = z.infer<typeof configSchema>;

const FATE = choices({
  stays: L("it stays in CLOSE-WAIT until the application calls close() (or exits)", "一直停在 CLOSE-WAIT，直到应用调用 close()（或进程退出）"),
  "fin-timeout": L("the kernel frees it after tcp_fin_timeout", "内核在 tcp_fin_timeout 之后释放它"),
  "2msl": L("the kernel frees it after 2×MSL", "内核在 2×MSL 之后释放它"),
  "kernel-fin": L("the kernel sends a FIN by itself and moves it to LAST-ACK", "内核自动发送 FIN，使其进入 LAST-ACK"),
});

function build(seed: number, cfg: CloseWaitLeakConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const port = pickPort(rng);
  const n = rng.int(Math.min(3, cfg.clientsMax), d === 1 ? Math.min(5, cfg.clientsMax) : cfg.clientsMax);
  const gapS = rng.pick(d === 1 ? [1, 2] : [1, 2, 5, 10]);
  const finTimeout = d === 1 ? 60 : rng.pick([10, 20, 30, 60]);
  const all = Array.from({ length: n }, (_, i) => i + 1);
  const leakAll = d === 1 && rng.chance(0.5);
  const leaked = leakAll ? all : all.filter(() => rng.chance(0.5));
  if (leaked.length === 0) leaked.push(rng.pick(all));
  const latency = 1;

  const s = new ScriptBuilder();
  s.add({ at: 0, host: "server", sock: "l", call: "bind", port });
  s.add({ at: 0, host: "server", sock: "l", call: "listen", backlog: 128 });
  for (const i of all) {
    s.add(i === 1 ? { id: "a1", at: 0, host: "server", sock: "l", call: "accept", as: "s1" } : { id: `a${i}`, after: `a${i - 1}`, host: "server", sock: "l", call: "accept", as: `s${i}` });
    s.add({ id: `r${i}`, after: `a${i}`, host: "server", sock: `s${i}`, call: "recv" });
    s.add({ id: `w${i}`, after: `r${i}`, host: "server", sock: `s${i}`, call: "send", bytes: 200 });
    s.add({ id: `e${i}`, after: `w${i}`, host: "server", sock: `s${i}`, call: "recv" });
    if (!leaked.includes(i)) s.add({ after: `e${i}`, host: "server", sock: `s${i}`, call: "close" });
    s.add({ id: `c${i}`, at: i * gapS * 1000, host: "client", sock: `c${i}`, call: "connect", to: `server:${port}` });
    s.add({ id: `q${i}`, after: `c${i}`, host: "client", sock: `c${i}`, call: "send", bytes: 100 });
    s.add({ id: `p${i}`, after: `q${i}`, host: "client", sock: `c${i}`, call: "recv" });
    s.add({ after: `p${i}`, delayMs: 100, host: "client", sock: `c${i}`, call: "close" });
  }
  const trace = run({ seed, sysctl: { tcp_fin_timeout: finTimeout }, hosts: TWO_HOSTS, link: { latencyMs: latency }, script: s.steps });

  const lastConnectS = n * gapS;
  const offsets = [1, Math.max(1, Math.floor(finTimeout / 2)), finTimeout + 5, 61, finTimeout + 30, 90];
  const T = (lastConnectS + rng.pick(offsets)) * 1000 + (d === 1 ? 0 : rng.pick([0, -Math.floor(gapS * 500)]));
  const closeWait = countStateAt(trace, "server", T, "CLOSE-WAIT");
  const finWait2 = countStateAt(trace, "client", T, "FIN-WAIT-2");
  const timeWait = countStateAt(trace, "client", T, "TIME-WAIT");
  const leftover = trace.final.filter((x) => x.host === "server" && x.state === "CLOSE-WAIT").length;
  if (leftover !== leaked.length) throw new Error(`close-wait-leak(seed ${seed}): ${leftover} CLOSE-WAIT at the end, ${leaked.length} leaked`);
  const fate = "stays";
  const answer: Answer = { closeWait, finWait2, timeWait, fate };

  const tS = T / 1000;
  const inputs: InputSpec[] = [
    { kind: "number", id: "closeWait", label: L(`Server sockets in CLOSE-WAIT at t = ${tS} s`, `t = ${tS} 秒时服务端处于 CLOSE-WAIT 的 socket 数`), min: 0, max: 1000 },
    { kind: "number", id: "finWait2", label: L(`Client sockets in FIN-WAIT-2 at t = ${tS} s`, `t = ${tS} 秒时客户端处于 FIN-WAIT-2 的 socket 数`), min: 0, max: 1000 },
    { kind: "number", id: "timeWait", label: L(`Client sockets in TIME-WAIT at t = ${tS} s`, `t = ${tS} 秒时客户端处于 TIME-WAIT 的 socket 数`), min: 0, max: 1000 },
    { kind: "choice", id: "fate", label: L("What eventually happens to a leaked CLOSE-WAIT socket?", "泄漏的 CLOSE-WAIT socket 最终会怎样？"), options: FATE },
  ];

  const leakText =
    leaked.length === n
      ? L("The server **never** calls close() on any of them (a bug).", "服务端对这些连接**从不**调用 close()（一个 bug）。")
      : L(
          `The server reads the request, answers, reads EOF and calls close() — except for connections ${leaked.map((i) => `#${i}`).join(", ")}, where a bug skips close().`,
          `服务端读取请求、回复、读到 EOF 后调用 close()——但连接 ${leaked.map((i) => `#${i}`).join("、")} 因为一个 bug 跳过了 close()。`,
        );
  const knobs: Knob[] = [
    [KNOB.profile, KNOB.linux],
    [same("net.ipv4.tcp_fin_timeout (s)", "net.ipv4.tcp_fin_timeout（秒）"), finTimeout],
    [KNOB.latency, latency],
  ];
  const text = paragraphs(
    L(
      `A server (10.0.0.2:${port}) serves ${n} clients. Client #i connects at t = i × ${gapS} s, sends a 100-byte request, reads the 200-byte answer and calls close() 100 ms later.`,
      `服务端（10.0.0.2:${port}）为 ${n} 个客户端服务。第 i 个客户端在 t = i × ${gapS} 秒时连接，发送 100 字节的请求，读取 200 字节的回复，100 ms 后调用 close()。`,
    ),
    leakText,
    knobList(knobs),
  );

  const finWhy = L(
    `A client that called close() and got its FIN acknowledged waits in FIN-WAIT-2 for the server's FIN; as an orphan it gives up after tcp_fin_timeout = ${finTimeout} s. The leaked server side stays in CLOSE-WAIT: the kernel never closes a connection on the application's behalf.`,
    `调用了 close() 且 FIN 已被确认的客户端在 FIN-WAIT-2 中等待服务端的 FIN；作为孤儿 socket，它在 tcp_fin_timeout = ${finTimeout} 秒后放弃。泄漏的服务端一侧停留在 CLOSE-WAIT：内核从不替应用关闭连接。`,
  );
  const twWhy = L(
    "Clients whose server did close receive its FIN and sit in TIME-WAIT for 60 s (Linux TCP_TIMEWAIT_LEN, independent of tcp_fin_timeout).",
    "服务端正常关闭的那些客户端会收到 FIN，并在 TIME-WAIT 中停留 60 秒（Linux 的 TCP_TIMEWAIT_LEN，与 tcp_fin_timeout 无关）。",
  );
  const checks = [
    numberCheck("closeWait", L("server CLOSE-WAIT count", "服务端 CLOSE-WAIT 数"), closeWait, { why: finWhy }),
    numberCheck("finWait2", L("client FIN-WAIT-2 count", "客户端 FIN-WAIT-2 数"), finWait2, { why: finWhy }),
    numberCheck("timeWait", L("client TIME-WAIT count", "客户端 TIME-WAIT 数"), timeWait, { why: twWhy }),
    choiceCheck("fate", L("fate of a leaked CLOSE-WAIT socket", "泄漏的 CLOSE-WAIT socket 的结局"), fate, FATE, {
      why: L(
        `${leftover} socket(s) were still in CLOSE-WAIT when the simulation went quiet at t = ${Math.round(trace.endedAt / 1000)} s; nothing in TCP times CLOSE-WAIT out.`,
        `模拟在 t = ${Math.round(trace.endedAt / 1000)} 秒静止时，仍有 ${leftover} 个 socket 处于 CLOSE-WAIT；TCP 中没有任何机制让 CLOSE-WAIT 超时。`,
      ),
    }),
  ];

  const explanation = paragraphs(
    L(
      `At t = ${tS} s: ${closeWait} server socket(s) in CLOSE-WAIT, ${finWait2} client socket(s) in FIN-WAIT-2, ${timeWait} in TIME-WAIT.`,
      `t = ${tS} 秒时：服务端有 ${closeWait} 个 CLOSE-WAIT，客户端有 ${finWait2} 个 FIN-WAIT-2、${timeWait} 个 TIME-WAIT。`,
    ),
    finWhy,
    twWhy,
    L(
      "A growing number of CLOSE-WAIT sockets in `ss -tan` is the signature of an application that does not close connections the peer has closed.",
      "`ss -tan` 中 CLOSE-WAIT 不断增多，是应用没有关闭对端已关闭的连接的典型特征。",
    ),
  );

  // Misconception: TIME-WAIT lasts tcp_fin_timeout (count with that lifetime instead).
  const twEntries = trace.events.filter((e) => e.kind === "state" && e.host === "client" && e.to === "TIME-WAIT").map((e) => e.t);
  const twIfFinTimeout = twEntries.filter((t) => t <= T && t + finTimeout * 1000 > T).length;
  const wrong: Answer[] = [
    { ...answer, fate: "fin-timeout" },
    { ...answer, fate: "kernel-fin" },
    { ...answer, closeWait: closeWait === 0 ? leaked.length : 0 },
    { ...answer, finWait2: finWait2 === leaked.length ? 0 : leaked.length },
    { ...answer, closeWait: finWait2, finWait2: closeWait, timeWait: timeWait + (closeWait === finWait2 ? 1 : 0) },
  ];
  if (twIfFinTimeout !== timeWait) wrong.push({ ...answer, timeWait: twIfFinTimeout });

  return fromRun(trace, { text, inputs }, { answer, checks, explanation, wrong, facets: { clients: n, leaked: leaked.length, finTimeout } });
}

export const closeWaitLeak = defineFamily({
  id: "close-wait-leak",
  topic: "teardown",
  linkTitle: { en: "A pile of CLOSE_WAIT", zh: "大量 CLOSE_WAIT" },
  version: 1,
  variety: { prompts: 800, answers: 80 },
  title: L("A CLOSE-WAIT leak", "CLOSE-WAIT 泄漏"),
  description: L(
    "A server that does not close connections its clients closed: count the CLOSE-WAIT, FIN-WAIT-2 and TIME-WAIT sockets over time.",
    "服务端没有关闭客户端已关闭的连接：统计不同时刻 CLOSE-WAIT、FIN-WAIT-2 与 TIME-WAIT socket 的数量。",
  ),
  configSchema,
  build,
});
