/**
 * Family 6 — TIME-WAIT: which side gets it, how long it lasts under the profile, and whether a
 * restarted server's bind() to its port succeeds, with or without SO_REUSEADDR on each socket.
 *
 * @see RFC 9293 §3.3.2 / §3.6 (TIME-WAIT = 2×MSL, MSL = 2 min)
 * @see kernel-fact 03a-timewait-duration-fin_timeout-60 (Linux: 60 s, TCP_TIMEWAIT_LEN, whatever
 *      tcp_fin_timeout says), include/net/tcp.h TCP_TIMEWAIT_LEN
 * @see lib/tcp bind rules (Linux 6.18 loopback): EADDRINUSE unless both sockets have SO_REUSEADDR
 *      and the existing one is not listening; a TIME-WAIT socket keeps its socket's flag
 */
import { z } from "zod";
import type { Localized } from "@/lib/core";
import type { ScenarioInput } from "@/lib/tcp";
import { same, type Answer } from "../answer";
import { knobList, profileKnob, type Knob, listeningServer, pickPort, pickProfile, profileChoiceSchema, TWO_HOSTS } from "../base";
import { choiceCheck, numberCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { APPEARS_AFTER, choices, errnoLabel, hostName, L, paragraphs } from "../text";
import { fmtMs, returnOf, run, ScriptBuilder } from "../trace-query";
import type { InputSpec } from "../types";

const configSchema = familyConfigSchema({ profile: profileChoiceSchema });
export type TimeWaitConfig = z.infer<typeof configSchema>;

const SIDE = choices({
  client: L("the client", "客户端"),
  server: L("the server", "服务端"),
  both: L("both", "双方都有"),
  neither: L("neither", "双方都没有"),
});
const BIND = choices({
  ok: L("succeeds (returns 0)", "成功（返回 0）"),
  EADDRINUSE: errnoLabel("EADDRINUSE"),
});

function build(seed: number, cfg: TimeWaitConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const profile = pickProfile(rng, cfg.profile, d);
  const latency = rng.pick([1, 2, 5, 10]);
  const port = pickPort(rng);
  const active = rng.chance(d === 1 ? 0.5 : 0.65) ? "server" : "client";
  const passive = active === "client" ? "server" : "client";
  const oldReuse = rng.chance(0.5);
  const newReuse = rng.chance(0.5);
  const finTimeout = rng.pick([15, 30, 60, 90, 120]);
  const mslMs = rng.pick([15_000, 30_000, 60_000, 120_000]);
  const closeAt = 100 + 10 * latency;
  // Restart inside TIME-WAIT most of the time; after it expired sometimes (difficulty ≥ 2).
  const twGuessMs = profile === "linux" ? 60_000 : 2 * mslMs;
  const late = d >= 2 && rng.chance(0.25);
  const restartAt = closeAt + (late ? twGuessMs + rng.pick([5_000, 20_000]) : rng.pick([1_000, 5_000, 10_000, Math.floor(twGuessMs / 2)]));

  const s = new ScriptBuilder();
  listeningServer(s, port, { accept: "s", reuseaddr: oldReuse });
  s.add({ id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: `server:${port}` });
  const sock = (h: string) => (h === "client" ? "c" : "s");
  s.add({ at: closeAt, host: active, sock: sock(active), call: "close" });
  s.add({ id: "eof", after: passive === "client" ? "conn" : "acc_s", host: passive, sock: sock(passive), call: "recv" });
  s.add({ after: "eof", delayMs: 20, host: passive, sock: sock(passive), call: "close" });
  s.add({ at: restartAt - 1, host: "server", sock: "l", call: "close" });
  if (newReuse) s.add({ at: restartAt, host: "server", sock: "n", call: "setsockopt", opt: "SO_REUSEADDR", value: true });
  const bindStep = s.add({ at: restartAt, host: "server", sock: "n", call: "bind", port });

  const sysctl: ScenarioInput["sysctl"] = profile === "linux" ? { tcp_fin_timeout: finTimeout } : { msl_ms: mslMs };
  const trace = run({ profile, seed, sysctl, hosts: TWO_HOSTS, link: { latencyMs: latency }, script: s.steps });

  const tw = trace.events.filter((e) => e.kind === "state" && e.to === "TIME-WAIT");
  const twHosts = new Set(tw.map((e) => (e.kind === "state" ? e.host : "")));
  const twSide = twHosts.size === 2 ? "both" : twHosts.has("client") ? "client" : twHosts.has("server") ? "server" : "neither";
  const twEnter = tw[0];
  const twLeave =
    twEnter && twEnter.kind === "state"
      ? trace.events.find((e) => e.kind === "state" && e.host === twEnter.host && e.socket === twEnter.socket && e.from === "TIME-WAIT")
      : undefined;
  const bindRet = returnOf(trace, bindStep);
  if (!twEnter || !twLeave || !bindRet) throw new Error(`time-wait(seed ${seed}): unexpected trace`);
  const twSeconds = Math.round((twLeave.t - twEnter.t) / 10) / 100;
  // Linux: 60 s on the timer wheel ends 60–62.05 s later (lib/tcp/jiffies.ts), so 60 is right too.
  const twTolerance = profile === "linux" ? 2.1 : 0.5;
  const bind = bindRet.errno ?? "ok";
  if (bind !== "ok" && bind !== "EADDRINUSE") throw new Error(`time-wait(seed ${seed}): bind() returned ${bind}`);
  const answer: Answer = { twSide, twSeconds, bind };

  const inputs: InputSpec[] = [
    { kind: "choice", id: "twSide", label: L("Which side's socket goes through TIME-WAIT?", "哪一方的 socket 会进入 TIME-WAIT？"), options: SIDE },
    { kind: "number", id: "twSeconds", label: L("How long does it stay in TIME-WAIT (seconds)?", "它在 TIME-WAIT 中停留多久（秒）？"), unit: L("s", "秒"), max: 10_000 },
    { kind: "choice", id: "bind", label: L(`What does the restarted server's bind() to port ${port} return?`, `重启后的服务端对端口 ${port} 的 bind() 返回什么？`), options: BIND },
  ];

  const A = hostName(active);
  const P = hostName(passive);
  const yes = (b: boolean): Localized => (b ? L("yes", "是") : L("no", "否"));
  const knobs: Knob[] = [profileKnob(profile)];
  if (profile === "linux") knobs.push([same("net.ipv4.tcp_fin_timeout (s)", "net.ipv4.tcp_fin_timeout（秒）"), finTimeout]);
  else knobs.push([L("MSL (s)", "MSL（秒）"), mslMs / 1000]);
  knobs.push(
    [L("SO_REUSEADDR on the old listening socket", "旧监听 socket 设置了 SO_REUSEADDR"), yes(oldReuse)],
    [L("SO_REUSEADDR on the new socket", "新 socket 设置了 SO_REUSEADDR"), yes(newReuse)],
  );
  const text = paragraphs(
    L(
      `A client (10.0.0.1) is connected to a server (10.0.0.2:${port}). At t = ${closeAt} ms the **${A.en}** calls close(); the ${P.en} reads EOF and closes 20 ms later.`,
      `客户端（10.0.0.1）已连接到服务端（10.0.0.2:${port}）。t = ${closeAt} ms 时**${A.zh}**调用 close()；${P.zh}读到 EOF，20 ms 后也关闭。`,
    ),
    L(
      `At t = ${restartAt} ms the server "restarts": it closes its listening socket and a new socket ${newReuse ? "sets SO_REUSEADDR and " : ""}binds port ${port} again.`,
      `t = ${restartAt} ms 时服务端"重启"：关闭监听 socket，用一个新 socket${newReuse ? "设置 SO_REUSEADDR 后" : ""}再次绑定端口 ${port}。`,
    ),
    knobList(knobs),
    profile === "rfc9293" &&
      L(
        "RFC 9293 defines no bind() and no SO_REUSEADDR (they belong to the sockets API), so the restarted server's bind() follows Linux's sockets rule here, while TCP itself follows the RFC.",
        "RFC 9293 没有定义 bind() 和 SO_REUSEADDR（它们属于 socket API），所以这里重启后的 bind() 按 Linux 的 socket 规则判定，TCP 本身则按 RFC 行事。",
      ),
  );

  // RFC 9293 has nothing to say about bind(): in that profile say whose rule decides it.
  const ruleOwner: Localized =
    profile === "linux"
      ? L("Linux allows the bind", "Linux 才允许绑定")
      : L("RFC 9293 does not define bind() or SO_REUSEADDR; under the Linux sockets rule used here, the bind is allowed", "RFC 9293 没有定义 bind() 和 SO_REUSEADDR；按这里采用的 Linux socket 规则，才允许绑定");

  const twHost = twEnter.kind === "state" ? twEnter.host : active;
  const twWhy =
    profile === "linux"
      ? L(
          `Linux keeps TIME-WAIT for TCP_TIMEWAIT_LEN = 60 s, a compile-time constant; tcp_fin_timeout (${finTimeout} s here) only limits an orphaned FIN-WAIT-2 (kernel-fact 03a). The timer wheel runs a 60 s timer on a 2.048 s grid, so the socket goes 60–62 s after it entered TIME-WAIT (kernel-fact 09); any answer in that range is right.`,
          `Linux 的 TIME-WAIT 固定为 TCP_TIMEWAIT_LEN = 60 秒（编译期常量）；tcp_fin_timeout（此处为 ${finTimeout} 秒）只限制孤儿 FIN-WAIT-2 的时长（kernel-fact 03a）。内核定时器轮以 2.048 秒为粒度执行 60 秒的定时器，所以 socket 在进入 TIME-WAIT 后 60–62 秒之间消失（kernel-fact 09）；这个范围内的答案都算对。`,
        )
      : L(`RFC 9293: TIME-WAIT lasts 2×MSL = 2 × ${mslMs / 1000} s.`, `RFC 9293：TIME-WAIT 持续 2×MSL = 2 × ${mslMs / 1000} 秒。`);
  const bindWhy =
    twHost === "client"
      ? L(
          `The TIME-WAIT socket is the client's (on its ephemeral port); the server's side ended in LAST-ACK → CLOSED, so nothing holds port ${port} once the listener is closed.`,
          `TIME-WAIT socket 在客户端（占用的是它的临时端口）；服务端一侧经 LAST-ACK → CLOSED 结束，所以关闭监听 socket 后没有任何 socket 占用端口 ${port}。`,
        )
      : restartAt >= twLeave.t
        ? L("The server's TIME-WAIT socket had already expired when the new socket bound the port.", "新 socket 绑定端口时，服务端的 TIME-WAIT socket 已经到期释放。")
        : L(
            `The server's TIME-WAIT socket still holds port ${port}. ${ruleOwner.en} only when both the new socket and the socket the TIME-WAIT came from (the accepted connection, which inherits the listener's flag) have SO_REUSEADDR — here: old ${oldReuse ? "yes" : "no"}, new ${newReuse ? "yes" : "no"}.`,
            `服务端的 TIME-WAIT socket 仍占用端口 ${port}。只有新 socket 和产生该 TIME-WAIT 的 socket（即 accept 得到的连接，它继承监听 socket 的标志）都设置了 SO_REUSEADDR，${ruleOwner.zh}——此处：旧 ${oldReuse ? "是" : "否"}，新 ${newReuse ? "是" : "否"}。`,
          );
  const checks = [
    choiceCheck("twSide", L("which side is in TIME-WAIT", "哪一方进入 TIME-WAIT"), twSide, SIDE, {
      eventSeqNo: twEnter.seqNo,
      why: L("TIME-WAIT belongs to the side that closes first (the active closer): it sends the last ACK.", "TIME-WAIT 属于先关闭的一方（主动关闭方）：最后一个 ACK 由它发出。"),
    }),
    numberCheck("twSeconds", L("TIME-WAIT duration", "TIME-WAIT 时长"), twSeconds, { tolerance: twTolerance, unit: L("s", "秒"), eventSeqNo: twLeave.seqNo, why: twWhy }),
    choiceCheck("bind", L("bind() after the restart", "重启后的 bind()"), bind, BIND, { eventSeqNo: bindRet.seqNo, why: bindWhy }),
  ];

  const explanation = paragraphs(
    L(
      `The ${hostName(twHost).en} entered TIME-WAIT at t = ${fmtMs(twEnter.t)} ms and left it at t = ${fmtMs(twLeave.t)} ms (${twSeconds} s).`,
      `${hostName(twHost).zh}在 t = ${fmtMs(twEnter.t)} ms 进入 TIME-WAIT，在 t = ${fmtMs(twLeave.t)} ms 离开（${twSeconds} 秒）。`,
    ),
    twWhy,
    bindWhy,
  );

  const wrong: Answer[] = [
    { ...answer, twSide: twSide === "client" ? "server" : "client" },
    { ...answer, twSide: "both" },
    { ...answer, bind: bind === "ok" ? "EADDRINUSE" : "ok" },
  ];
  for (const guess of [finTimeout, 240, 120, 60, 2 * (mslMs / 1000)]) if (Math.abs(guess - twSeconds) > twTolerance) wrong.push({ ...answer, twSeconds: guess });

  return fromRun(trace, { text, inputs, hideFrom: { atMs: closeAt, caption: APPEARS_AFTER.teardown } }, { answer, checks, explanation, wrong, facets: { active, late, latency } });
}

export const timeWait = defineFamily({
  id: "time-wait",
  topic: "time-wait",
  linkTitle: { en: "TIME_WAIT and rebinding a port", zh: "TIME_WAIT 与端口重新绑定" },
  version: 1,
  variety: { prompts: 800, answers: 12 },
  title: L("TIME-WAIT and restarting a server", "TIME-WAIT 与服务重启"),
  description: L(
    "Which side holds TIME-WAIT, for how long under the profile, and whether a restarted server can bind its port with or without SO_REUSEADDR.",
    "哪一方持有 TIME-WAIT、在该模型下持续多久，以及重启的服务端在有无 SO_REUSEADDR 时能否绑定原端口。",
  ),
  configSchema,
  build,
});
