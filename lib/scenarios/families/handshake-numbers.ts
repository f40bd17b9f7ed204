/**
 * Family 1 — handshake numbers: given both ISNs, fill flags/seq/ack of every segment of a
 * three-way handshake (and, at higher difficulty, of the first data exchange).
 *
 * The rows and their correct values are the simulated segments themselves.
 * @see RFC 9293 §3.4 (a SYN occupies one sequence number; ACK = next sequence number expected)
 * @see kernel-fact 01-handshake-ipv4 (SYN seq=x → SYN,ACK seq=y ack=x+1 → ACK seq=x+1 ack=y+1)
 */
import { z } from "zod";
import type { Localized } from "@/lib/core";
import type { SegmentEvent } from "@/lib/tcp";
import { same, type Answer, type SegmentRowValue } from "../answer";
import { listeningServer, pickLatency, pickPort, TWO_HOSTS } from "../base";
import { segmentRowCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { direction, L, paragraphs } from "../text";
import { flagsAre, run, ScriptBuilder, segments } from "../trace-query";
import type { InputSpec } from "../types";

export const FLAG_OPTIONS = ["SYN", "ACK", "FIN", "RST", "PSH"];

const configSchema = familyConfigSchema({
  /** Largest data size (bytes) for the data exchange (difficulty ≥ 2). One segment: ≤ MSS 1460. */
  maxDataBytes: z.number().int().min(1).max(1400).default(1000),
});
export type HandshakeNumbersConfig = z.infer<typeof configSchema>;

const u32 = (n: number) => n >>> 0;

/** Canonical row for a simulated segment (flags in FLAG_OPTIONS order, null ack without ACK). */
export function rowOf(seg: SegmentEvent): SegmentRowValue {
  return { flags: FLAG_OPTIONS.filter((f) => (seg.flags as string[]).includes(f)), seq: seg.seq, ack: seg.ack };
}

/** Why a row has its numbers, from the simulated segment's relative label. */
export function rowWhy(seg: SegmentEvent, x: number, y: number): Localized {
  const at = `(x = ${x}, y = ${y})`;
  if (flagsAre(seg, ["SYN"]))
    return L(
      `The SYN carries the initiator's ISN and no ACK: ${seg.label} ${at} (RFC 9293 §3.5).`,
      `SYN 携带发起方的初始序列号（ISN），不带 ACK：${seg.label} ${at}。参见 RFC 9293 §3.5`,
    );
  if (flagsAre(seg, ["SYN", "ACK"]))
    return L(
      `The SYN-ACK carries the responder's own ISN and acknowledges x+1, because the SYN consumed one sequence number: ${seg.label} ${at} (RFC 9293 §3.4).`,
      `SYN-ACK 携带应答方自己的 ISN，并确认 x+1，因为 SYN 占用一个序列号：${seg.label} ${at}。参见 RFC 9293 §3.4`,
    );
  return L(
    `seq is the next byte this side sends, ack the next byte it expects (peer's ISN + 1 for its SYN + data received): ${seg.label} ${at}.`,
    `seq 是本端要发送的下一个字节，ack 是期望收到的下一个字节（对端 ISN + SYN 占用的 1 + 已收到的数据字节数）：${seg.label} ${at}。`,
  );
}

function build(seed: number, cfg: HandshakeNumbersConfig): Draft {
  const rng = createRng(seed);
  const latency = pickLatency(rng);
  const port = pickPort(rng);
  const d = cfg.difficulty;
  const script = new ScriptBuilder();
  listeningServer(script, port, { accept: "s" });
  script.add({ id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: `server:${port}` });

  const req = d >= 2 ? rng.int(1, cfg.maxDataBytes) : 0;
  const resp = d >= 3 ? rng.int(1, cfg.maxDataBytes) : 0;
  const serverFirst = d >= 3 && rng.chance(0.5);
  if (d === 2) {
    script.add({ after: "conn", host: "client", sock: "c", call: "send", bytes: req });
    script.add({ after: "acc_s", host: "server", sock: "s", call: "recv" });
  } else if (d === 3 && !serverFirst) {
    script.add({ id: "csend", after: "conn", host: "client", sock: "c", call: "send", bytes: req });
    script.add({ id: "srecv", after: "acc_s", host: "server", sock: "s", call: "recv" });
    script.add({ after: "srecv", host: "server", sock: "s", call: "send", bytes: resp });
    script.add({ after: "csend", host: "client", sock: "c", call: "recv" });
  } else if (d === 3) {
    script.add({ id: "ssend", after: "acc_s", host: "server", sock: "s", call: "send", bytes: resp });
    script.add({ id: "crecv", after: "conn", host: "client", sock: "c", call: "recv" });
    script.add({ after: "crecv", host: "client", sock: "c", call: "send", bytes: req });
    script.add({ after: "ssend", host: "server", sock: "s", call: "recv" });
  }

  const trace = run({ seed, hosts: TWO_HOSTS, link: { latencyMs: latency }, script: script.steps });
  const segs = segments(trace).filter((s) => s.from === "client" || s.from === "server");
  const syn = segs[0];
  const synack = segs.find((s) => flagsAre(s, ["SYN", "ACK"]));
  if (!syn || !synack) throw new Error("handshake-numbers: the simulation has no handshake");
  const x = syn.seq;
  const y = synack.seq;

  const rows = segs.map(rowOf);
  const answer: Answer = { segments: rows };
  const rowLabel = (s: SegmentEvent, i: number): Localized => {
    const dir = direction(s.from, s.to);
    return s.len > 0
      ? L(`${i + 1}. ${dir.en}, ${s.len} bytes of data`, `${i + 1}. ${dir.zh}，携带 ${s.len} 字节数据`)
      : L(`${i + 1}. ${dir.en}`, `${i + 1}. ${dir.zh}`);
  };

  const story: Localized =
    d === 1
      ? L("The client connects; nothing else happens.", "客户端发起连接，此后没有其他操作。")
      : d === 2
        ? L(
            `Right after connect() returns, the client sends ${req} bytes; the server accept()s and recv()s them.`,
            `connect() 一返回，客户端就发送 ${req} 字节；服务端 accept() 后用 recv() 读取。`,
          )
        : serverFirst
          ? L(
              `As soon as it accept()s, the server sends a ${resp}-byte greeting; the client reads it, then sends a ${req}-byte request, which the server reads.`,
              `服务端一 accept() 就发送 ${resp} 字节的欢迎信息；客户端读到后再发送 ${req} 字节的请求，服务端读取。`,
            )
          : L(
              `Right after connect() returns, the client sends a ${req}-byte request; the server reads it and answers with ${resp} bytes, which the client reads.`,
              `connect() 一返回，客户端就发送 ${req} 字节的请求；服务端读取后回复 ${resp} 字节，客户端读取。`,
            );

  const text = paragraphs(
    L(
      `A client (10.0.0.1) connects to a server (10.0.0.2) listening on port ${port}. One-way latency: ${latency} ms. Linux behaviour.`,
      `客户端（10.0.0.1）连接在端口 ${port} 上监听的服务端（10.0.0.2）。单向时延 ${latency} ms，按 Linux 的行为。`,
    ),
    story,
    L(
      `The client's initial sequence number (ISN) is **x = ${x}**; the server's is **y = ${y}**.`,
      `客户端的初始序列号（ISN）是 **x = ${x}**；服务端的是 **y = ${y}**。`,
    ),
    L(
      `Fill in the flags, the sequence number and the acknowledgment number of each segment below, in the order they are sent, as raw 32-bit numbers. When the ACK flag is not set, leave ack empty or enter 0 (the field is not valid then, but 0 is what goes on the wire). PSH is not graded.`,
      `按发送顺序，为下面每个报文段填写标志位、序列号和确认号（32 位原始数值）。未置 ACK 标志时，确认号留空或填 0（此时该字段无效，但线路上的值就是 0）。PSH 不计分。`,
    ),
  );

  const checks = segs.map((s, i) =>
    segmentRowCheck("segments", i, L(`segment ${rowLabel(s, i).en}`, `报文段 ${rowLabel(s, i).zh}`), rows[i] as SegmentRowValue, {
      why: rowWhy(s, x, y),
      eventSeqNo: s.seqNo,
    }),
  );

  const listing = segs.map((s, i) => {
    const r = rows[i] as SegmentRowValue;
    const dir = direction(s.from, s.to);
    return L(
      `${i + 1}. ${dir.en} [${s.flags.join(",")}] ${s.label}${s.len ? ` len=${s.len}` : ""} → seq=${r.seq} ack=${r.ack ?? "—"}`,
      `${i + 1}. ${dir.zh} [${s.flags.join(",")}] ${s.label}${s.len ? ` len=${s.len}` : ""} → seq=${r.seq} ack=${r.ack ?? "—"}`,
    );
  });
  const explanation = paragraphs(
    L(`The simulated segments (x = ${x}, y = ${y}):`, `模拟得到的报文段（x = ${x}，y = ${y}）：`),
    { en: listing.map((l) => l.en).join("\n"), zh: listing.map((l) => l.zh).join("\n") },
    L(
      "A SYN consumes one sequence number, so the first byte after it is ISN+1; data consumes one number per byte; an ACK number is the next sequence number the sender expects to receive. Sequence numbers wrap modulo 2^32 (RFC 9293 §3.4).",
      "SYN 占用一个序列号，所以它之后的第一个字节是 ISN+1；数据每个字节占用一个序列号；确认号是发送方期望收到的下一个序列号。序列号按 2^32 取模回绕。参见 RFC 9293 §3.4",
    ),
  );

  const inputs: InputSpec[] = [
    {
      kind: "segments",
      id: "segments",
      label: L("Segments, in the order they are sent", "按发送顺序排列的报文段"),
      rows: segs.map((s, i) => ({ label: rowLabel(s, i) })),
      flagOptions: FLAG_OPTIONS,
    },
  ];
  return fromRun(trace, { text, inputs, hideFrom: { atMs: 1, caption: L("The segments appear after you answer.", "提交答案后才显示报文段。") } }, {
    answer,
    checks,
    explanation,
    correctDisplay: { segments: same(rows.map((r, i) => `${i + 1}. [${r.flags.join(",")}] seq=${r.seq} ack=${r.ack ?? "—"}`).join("\n")) },
    wrong: wrongAnswers(segs, rows),
    facets: { data: req > 0 ? (resp > 0 ? "both" : "request") : "none" },
    secrets: [...new Set(rows.flatMap((r) => [r.seq, r.ack]).filter((v): v is number => v !== null && v !== x && v !== y))].map(String),
  });
}

/** Classic mistakes, applied to the simulated rows. */
function wrongAnswers(segs: SegmentEvent[], rows: SegmentRowValue[]): Answer[] {
  const clone = () => rows.map((r) => ({ ...r, flags: [...r.flags] }));
  const out: Answer[] = [];
  const synackIdx = segs.findIndex((s) => flagsAre(s, ["SYN", "ACK"]));

  // "ack = the seq I received" (forgetting that the ACK names the NEXT expected number).
  const w1 = clone();
  w1.forEach((r, i) => {
    if (r.ack === null) return;
    const from = segs[i]?.from;
    for (let j = i - 1; j >= 0; j--) if (segs[j]?.from !== from) return void (r.ack = rows[j]?.seq ?? r.ack);
  });
  out.push({ segments: w1 });

  // "The server continues the client's numbers": SYN-ACK seq = x+1.
  if (synackIdx >= 0) {
    const w2 = clone();
    const r = w2[synackIdx];
    const x = rows[0]?.seq;
    if (r && x !== undefined && x !== null) r.seq = u32(x + 1);
    out.push({ segments: w2 });
  }

  // "A SYN does not consume a sequence number": the initiator's later segments start at x.
  const w3 = clone();
  w3.forEach((r, i) => {
    if (i > 0 && segs[i]?.from === segs[0]?.from && r.seq !== null) r.seq = u32(r.seq - 1);
  });
  out.push({ segments: w3 });

  // Flags: SYN-ACK sent as a bare SYN, and the third segment as SYN+ACK again.
  const w4 = clone();
  if (synackIdx >= 0 && w4[synackIdx]) w4[synackIdx].flags = ["SYN"];
  if (w4[2]) w4[2].flags = ["SYN", "ACK"];
  out.push({ segments: w4 });

  // "ack = last byte received" (off by one on every data acknowledgment).
  const w5 = clone();
  w5.forEach((r, i) => {
    if (i > synackIdx && r.ack !== null) r.ack = u32(r.ack - 1);
  });
  out.push({ segments: w5 });
  return out;
}

export const handshakeNumbers = defineFamily({
  id: "handshake-numbers",
  topic: "handshake",
  linkTitle: { en: "Handshake sequence and acknowledgment numbers", zh: "三次握手中的序列号与确认号" },
  version: 1,
  variety: { prompts: 1000, answers: 1000 },
  title: L("Handshake numbers", "握手中的序列号与确认号"),
  description: L(
    "Given both ISNs, fill in the flags, seq and ack of every segment of a three-way handshake (and the first data exchange at higher difficulty).",
    "给定双方的 ISN，填写三次握手（难度更高时还有第一次数据交换）中每个报文段的标志位、序列号和确认号。",
  ),
  configSchema,
  build,
});
