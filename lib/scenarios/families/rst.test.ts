import { describe, expect, it } from "vitest";
import { samples } from "../testing";
import { rst } from "./rst";

const all = samples(rst, 150);

/** Each action by its English label, and whether it must put a RST on the wire. */
const RULES: { re: RegExp; rst: boolean; why: string }[] = [
  { re: /still unread/, rst: true, why: "RFC 2525 §2.17: close() with unread data resets" },
  { re: /SO_LINGER \{on, 0 s\}/, rst: true, why: "SO_LINGER {on, 0}: abortive close (tcp_close)" },
  { re: /closes its listening socket/, rst: true, why: "unaccepted children are aborted (inet_csk_listen_stop)" },
  { re: /100 ms later the .* sends/, rst: true, why: "RFC 1122 §4.2.2.13: data for a closed socket is answered with RST" },
  { re: /where nothing listens/, rst: true, why: "kernel-fact 05: RST,ACK to a SYN for a closed port" },
  { re: /reads all \d+ bytes it received, then calls close/, rst: false, why: "orderly close: FIN" },
  { re: /shutdown\(SHUT_WR\)/, rst: false, why: "shutdown(SHUT_WR) sends a FIN" },
  { re: /shutdown\(SHUT_RD\)/, rst: false, why: "shutdown(SHUT_RD) sends nothing" },
  { re: /SO_LINGER \{on, 5 s\}/, rst: false, why: "a non-zero linger still closes with a FIN" },
  { re: /sends \d+ bytes and immediately calls close/, rst: false, why: "queued data is sent, then a FIN" },
];

function rule(label: string) {
  const r = RULES.find((x) => x.re.test(label));
  if (!r) throw new Error(`no rule for: ${label}`);
  return r;
}

describe("rst", () => {
  it("should mark exactly the actions that reset the connection", () => {
    for (const s of all) {
      const input = s.g.prompt.inputs[0]!;
      if (input.kind !== "multi") throw new Error("multi expected");
      const expected = input.options.filter((o) => rule(o.label.en).rst).map((o) => o.id);
      expect(s.g.answer.rst, `seed ${s.seed}`).toEqual(expected);
    }
  });

  it("should return ECONNRESET after a RST, 0 after a FIN, data first when data precedes the FIN, and block after SHUT_RD", () => {
    for (const s of all) {
      const label = s.g.prompt.inputs[1]!.label.en;
      const situation = /\(“(.*)”\)/.exec(label)?.[1] ?? "";
      const r = rule(situation);
      const recv = /calls recv\(\)/.test(label);
      let expected: string;
      if (r.rst) expected = "ECONNRESET"; // a pending ECONNRESET is reported by the next recv() or send()
      else if (!recv) expected = "positive"; // sending after the peer's FIN (or after its SHUT_RD) still succeeds locally
      else if (/SHUT_RD/.test(situation)) expected = "blocks"; // nothing is sent, nothing arrives
      else if (/sends \d+ bytes and immediately/.test(situation)) expected = "positive"; // the data comes before the FIN
      else expected = "zero"; // EOF
      expect(s.g.answer.peer, `seed ${s.seed}: ${label}`).toBe(expected);
    }
  });

  it("should give per-option partial credit for the multi-select", () => {
    const s = all.find((x) => (x.g.answer.rst as string[]).length >= 1)!;
    const options = (s.g.prompt.inputs[0] as { options: { id: string }[] }).options.map((o) => o.id);
    const g = rst.grade(s.g.params, { rst: options, peer: s.g.answer.peer as string });
    const wrongOptions = options.length - (s.g.answer.rst as string[]).length;
    expect(g.score).toBeCloseTo((1 - wrongOptions / options.length + 1) / 2);
  });
});
