/**
 * Family 2 — teardown numbers: after some data each way, one side closes; give the FIN's
 * seq/ack, the peer's FIN seq, the last ACK and how many segments the teardown takes (3 or 4).
 *
 * @see RFC 9293 §3.6 (closing a connection), §3.4 (a FIN occupies one sequence number)
 * @see kernel-fact 02a-teardown-server-closes-immediately (3 segments: the ACK rides on the FIN)
 * @see kernel-fact 02b-teardown-server-closes-after-300ms (4 segments)
 */
import { z } from "zod";
import type { SegmentEvent } from "@/lib/tcp";
import { same, type Answer } from "../answer";
import { listeningServer, pickLatency, pickPort, pickProfile, profileChoiceSchema, TWO_HOSTS } from "../base";
import { numberCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { APPEARS_AFTER, direction, hostName, L, paragraphs } from "../text";
import { hasFlag, run, ScriptBuilder, segments } from "../trace-query";
import type { InputSpec } from "../types";

const configSchema = familyConfigSchema({
  maxDataBytes: z.number().int().min(1).max(1400).default(1000),
  /** Simulator profile; "auto" = Linux at difficulty 1–2, Linux or RFC 9293 at 3. */
  profile: profileChoiceSchema,
});
export type TeardownNumbersConfig = z.infer<typeof configSchema>;

const u32 = (n: number) => n >>> 0;

function build(seed: number, cfg: TeardownNumbersConfig): Draft {
  const rng = createRng(seed);
  const latency = pickLatency(rng, [1, 2, 5, 10, 20]);
  const port = pickPort(rng);
  const d = cfg.difficulty;
  const profile = pickProfile(rng, cfg.profile, d);
  const active = rng.chance(0.5) ? "client" : "server";
  const passive = active === "client" ? "server" : "client";
  const a = d === 1 && rng.chance(0.3) ? 0 : rng.int(1, cfg.maxDataBytes); // client → server
  const b = rng.int(1, cfg.maxDataBytes); // server → client
  const passiveDelay = rng.pick([0, 0, 100, 200, 300, 500]);
  const closeAt = 400 + 10 * latency;

  const script = new ScriptBuilder();
  listeningServer(script, port, { accept: "s" });
  script.add({ id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: `server:${port}` });
  // Data first (each side reads everything: unread data would turn close() into a RST).
  let lastServer = "acc_s";
  let lastClient = "conn";
  if (a > 0) {
    script.add({ id: "csend", after: "conn", host: "client", sock: "c", call: "send", bytes: a });
    script.add({ id: "srecv", after: "acc_s", host: "server", sock: "s", call: "recv" });
    lastClient = "csend";
    lastServer = "srecv";
  }
  script.add({ id: "ssend", after: lastServer, host: "server", sock: "s", call: "send", bytes: b });
  script.add({ id: "crecv", after: lastClient, host: "client", sock: "c", call: "recv" });
  lastServer = "ssend";
  lastClient = "crecv";
  const sock = (h: string) => (h === "client" ? "c" : "s");
  script.add({ at: closeAt, host: active, sock: sock(active), call: "close" });
  script.add({ id: "eof", after: passive === "client" ? lastClient : lastServer, host: passive, sock: sock(passive), call: "recv" });
  script.add({ after: "eof", delayMs: passiveDelay, host: passive, sock: sock(passive), call: "close" });

  const trace = run({ profile, seed, hosts: TWO_HOSTS, link: { latencyMs: latency }, script: script.steps });
  const segs = segments(trace);
  const syn = segs[0];
  const synack = segs.find((s) => hasFlag(s, "SYN") && hasFlag(s, "ACK"));
  const tear = segs.filter((s) => s.t >= closeAt);
  const fin = tear.find((s) => s.from === active && hasFlag(s, "FIN"));
  const peerFin = tear.find((s) => s.from === passive && hasFlag(s, "FIN"));
  const last = tear[tear.length - 1];
  if (!syn || !synack || !fin || !peerFin || !last || fin.ack === null || last.ack === null)
    throw new Error(`teardown-numbers(seed ${seed}): unexpected trace`);
  const x = syn.seq;
  const y = synack.seq;
  const count = tear.length;

  const answer: Answer = { finSeq: fin.seq, finAck: fin.ack, peerFinSeq: peerFin.seq, lastAck: last.ack, count };
  const A = hostName(active);
  const P = hostName(passive);
  const inputs: InputSpec[] = [
    { kind: "number", id: "finSeq", label: L(`seq of the ${A.en}'s FIN`, `${A.zh} FIN 的序列号`) },
    { kind: "number", id: "finAck", label: L(`ack number carried by the ${A.en}'s FIN`, `${A.zh} FIN 携带的确认号`) },
    { kind: "number", id: "peerFinSeq", label: L(`seq of the ${P.en}'s FIN`, `${P.zh} FIN 的序列号`) },
    { kind: "number", id: "lastAck", label: L("ack number of the last segment of the teardown", "挥手最后一个报文段的确认号") },
    {
      kind: "number",
      id: "count",
      label: L("number of segments in the teardown (from the first FIN on)", "挥手过程的报文段数（从第一个 FIN 算起）"),
      min: 1,
      max: 20,
    },
  ];

  const at = `(x = ${x}, y = ${y})`;
  const checks = [
    numberCheck("finSeq", inputs[0]!.label, fin.seq, {
      eventSeqNo: fin.seqNo,
      why: L(
        `The FIN takes the next unused sequence number: ISN + 1 (SYN) + bytes sent = ${fin.label.split(" ")[0]} ${at}.`,
        `FIN 使用下一个未用的序列号：ISN + 1（SYN）+ 已发送字节数 = ${fin.label.split(" ")[0]} ${at}。`,
      ),
    }),
    numberCheck("finAck", inputs[1]!.label, fin.ack, {
      eventSeqNo: fin.seqNo,
      why: L(
        `It acknowledges everything received: the peer's ISN + 1 + the bytes it sent: ${fin.label} ${at}.`,
        `它确认已收到的全部内容：对端 ISN + 1 + 对端发送的字节数：${fin.label} ${at}。`,
      ),
    }),
    numberCheck("peerFinSeq", inputs[2]!.label, peerFin.seq, {
      eventSeqNo: peerFin.seqNo,
      why: L(
        `The ${P.en}'s FIN comes after its own data: ${peerFin.label} ${at}.`,
        `${P.zh}的 FIN 排在它自己的数据之后：${peerFin.label} ${at}。`,
      ),
    }),
    numberCheck("lastAck", inputs[3]!.label, last.ack, {
      eventSeqNo: last.seqNo,
      why: L(
        `The last ACK acknowledges the ${P.en}'s FIN, which occupies one sequence number: ${last.label} ${at}.`,
        `最后一个 ACK 确认${P.zh}的 FIN，FIN 占用一个序列号：${last.label} ${at}。`,
      ),
    }),
    numberCheck("count", inputs[4]!.label, count, {
      eventSeqNo: last.seqNo,
      why:
        count === 3
          ? L(
              `The ${P.en} closed as soon as recv() returned EOF, before its delayed ACK went out, so its ACK rode on its FIN (kernel-fact 02a).`,
              `${P.zh}在 recv() 返回 EOF 后立即 close()，延迟 ACK 还没发出，于是 ACK 搭在 FIN 上一起发送（kernel-fact 02a）。`,
            )
          : L(
              `The ${P.en}'s ACK of the FIN left before its application closed, so the ACK and its FIN are separate segments (kernel-fact 02b).`,
              `${P.zh}对 FIN 的 ACK 在它的应用 close() 之前就发出了，所以 ACK 和它自己的 FIN 是两个报文段（kernel-fact 02b）。`,
            ),
    }),
  ];

  const story = L(
    `The client sends ${a} bytes and the server answers with ${b} bytes; each side reads everything. At t = ${closeAt} ms the **${A.en}** calls close(). The ${P.en}'s recv() then returns 0 (EOF) and it calls close() ${passiveDelay === 0 ? "immediately" : `${passiveDelay} ms later`}.`,
    `客户端发送 ${a} 字节，服务端回复 ${b} 字节；双方都读完了全部数据。在 t = ${closeAt} ms 时**${A.zh}**调用 close()。随后${P.zh}的 recv() 返回 0（EOF），它${passiveDelay === 0 ? "立即" : ` ${passiveDelay} ms 后`}调用 close()。`,
  );
  const text = paragraphs(
    L(
      `A client (10.0.0.1) is connected to a server (10.0.0.2:${port}); one-way latency ${latency} ms; ${profile === "linux" ? "Linux behaviour" : "RFC 9293 textbook behaviour (every segment is acknowledged at once)"}.`,
      `客户端（10.0.0.1）已连接到服务端（10.0.0.2:${port}）；单向时延 ${latency} ms；${profile === "linux" ? "按 Linux 的行为" : "按 RFC 9293 教科书行为（每个报文段都立即确认）"}。`,
    ),
    L(`ISNs: client **x = ${x}**, server **y = ${y}**.`, `初始序列号：客户端 **x = ${x}**，服务端 **y = ${y}**。`),
    story,
    L("Give the raw 32-bit numbers.", "请填写 32 位原始数值。"),
  );

  const listing = tear.map((s: SegmentEvent) => {
    const dir = direction(s.from, s.to);
    const raw = `seq=${s.seq}${s.ack !== null ? ` ack=${s.ack}` : ""}`;
    return same(`${dir.en} [${s.flags.join(",")}] ${s.label} (${raw})`, `${dir.zh} [${s.flags.join(",")}] ${s.label}（${raw}）`);
  });
  const explanation = paragraphs(
    L(`The teardown as simulated ${at}:`, `模拟得到的挥手过程 ${at}：`),
    { en: listing.map((l) => `- ${l.en}`).join("\n"), zh: listing.map((l) => `- ${l.zh}`).join("\n") },
    L(
      "A FIN occupies one sequence number, like a SYN; so the ACK of a FIN is its seq + 1 (RFC 9293 §3.4, §3.6). The teardown takes 4 segments when the passive side's ACK leaves before its own FIN, and 3 when Linux's delayed ACK is still pending when the application closes, so the ACK rides on the FIN.",
      "FIN 和 SYN 一样占用一个序列号，所以对 FIN 的确认号是它的 seq + 1（RFC 9293 §3.4、§3.6）。被动关闭方的 ACK 若在它自己的 FIN 之前发出，挥手是 4 个报文段；若应用 close() 时 Linux 的延迟 ACK 还没发出，ACK 搭在 FIN 上，就只有 3 个。",
    ),
  );

  const wrong: Answer[] = [
    { ...answer, count: count === 3 ? 4 : 3 },
    { ...answer, finSeq: u32(fin.seq - 1) },
    { ...answer, finAck: u32((active === "client" ? y : x) + 1) },
    { ...answer, lastAck: peerFin.seq },
    { ...answer, peerFinSeq: u32(fin.seq + 1) },
  ];

  return fromRun(trace, { text, inputs, hideFrom: { atMs: d === 1 ? closeAt : 1, caption: APPEARS_AFTER.teardown } }, {
    answer,
    checks,
    explanation,
    wrong,
    facets: { active },
    secrets: [fin.seq, fin.ack, peerFin.seq, last.ack].filter((v) => v !== x && v !== y).map(String),
  });
}

export const teardownNumbers = defineFamily({
  id: "teardown-numbers",
  topic: "teardown",
  linkTitle: { en: "Teardown sequence and acknowledgment numbers", zh: "四次挥手中的序列号与确认号" },
  version: 1,
  variety: { prompts: 1000, answers: 1000 },
  title: L("Teardown numbers", "挥手中的序列号与确认号"),
  description: L(
    "After data in both directions one side closes: the FIN's numbers, the peer's FIN, the last ACK, and whether the teardown takes 3 or 4 segments.",
    "双向传输数据后一方关闭：FIN 的序列号与确认号、对端的 FIN、最后一个 ACK，以及挥手是 3 个还是 4 个报文段。",
  ),
  configSchema,
  build,
});
