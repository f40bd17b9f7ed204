import { describe, expect, it } from "vitest";
import { samples } from "../testing";
import { longestOrderedPositions, segmentTimeline } from "./segment-timeline";

const all = samples(segmentTimeline, 90);

describe("longestOrderedPositions", () => {
  it("should find a longest non-decreasing subsequence", () => {
    expect(longestOrderedPositions([0, 1, 2, 3]).size).toBe(4);
    expect(longestOrderedPositions([3, 2, 1, 0]).size).toBe(1);
    expect(longestOrderedPositions([0, 2, 1, 3]).size).toBe(3);
    expect(longestOrderedPositions([1, 1, 0, 1]).size).toBe(3);
    expect(longestOrderedPositions([]).size).toBe(0);
  });
});

describe("segment-timeline", () => {
  it("should start with the SYN and hide the order (ids follow the shuffled display)", () => {
    for (const s of all) {
      const input = s.g.prompt.inputs[0]!;
      if (input.kind !== "order") throw new Error("order expected");
      const order = s.g.answer.order as string[];
      const first = input.items.find((i) => i.id === order[0])!;
      expect(first.label.en).toMatch(/^client → server \[SYN\] seq=x/);
      expect(input.items.map((i) => i.id)).not.toEqual(order);
      expect(input.items.map((i) => i.id)).toEqual(input.items.map((_, i) => `e${i + 1}`));
    }
  });

  it("should give (n − 1)/n for one item moved to the wrong side of its neighbour", () => {
    const s = all[1]!;
    const order = [...(s.g.answer.order as string[])];
    const n = order.length;
    // The SYN (always strictly first) moved to the end: the other n − 1 stay in order.
    const moved = [...order.slice(1), order[0]!];
    const g = segmentTimeline.grade(s.g.params, { order: moved });
    expect(g.score).toBeCloseTo((n - 1) / n);
    expect(g.divergence?.message.en).toMatch(/\[SYN\] seq=x/);
  });

  it("should accept either order for things that happen at the same instant", () => {
    const s = all.find((x) => /enters/.test(JSON.stringify(x.g.prompt.inputs)))!;
    const b = segmentTimeline.build(s.g.params);
    const order = [...(s.g.answer.order as string[])];
    // A state change and the segment sent in the same instant (e.g. close() → FIN-WAIT-1 + FIN) can swap.
    const expl = b.explanation.en.split("\n").filter((l) => /^\d+\. t = /.test(l));
    const times = expl.map((l) => /t = ([\d.]+) ms/.exec(l)?.[1]);
    const i = times.findIndex((t, k) => k + 1 < times.length && t === times[k + 1]);
    expect(i).toBeGreaterThanOrEqual(0);
    const swapped = [...order];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    expect(segmentTimeline.grade(s.g.params, { order: swapped }).score).toBe(1);
  });
});
