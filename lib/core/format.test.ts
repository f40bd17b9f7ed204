import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent, shortMarkdown } from "./format";

describe("formatPercent", () => {
  it("should round a share to whole percents by default, halves away from zero", () => {
    expect(formatPercent(0.125)).toBe("13%");
    expect(formatPercent(0.5)).toBe("50%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
  });

  it("should show as many decimals as asked, fixed when asked", () => {
    expect(formatPercent(0.1234, { digits: 1 })).toBe("12.3%");
    expect(formatPercent(0.12, { digits: 1 })).toBe("12%");
    expect(formatPercent(0.12, { digits: 1, fixed: true })).toBe("12.0%");
  });

  it("should write a missing value as a dash", () => {
    expect(formatPercent(null)).toBe("—");
  });
});

describe("formatNumber", () => {
  it("should group thousands unless told not to (CSV)", () => {
    expect(formatNumber(12345.678, { digits: 2 })).toBe("12,345.68");
    expect(formatNumber(12345.678, { digits: 2, grouping: false })).toBe("12345.68");
    expect(formatNumber(12.3, { digits: 2, fixed: true, grouping: false })).toBe("12.30");
  });
});

describe("shortMarkdown", () => {
  it("should keep a short first line as it is", () => {
    expect(shortMarkdown("Which state is `SYN_RECV`?\n\nMore text")).toBe("Which state is `SYN_RECV`?");
  });
  it("should close a code span the cut left open", () => {
    const text = `${"x".repeat(70)} \`tcp_max_syn_backlog\` is`;
    expect(shortMarkdown(text)).toBe(`${"x".repeat(70)} \`tcp_max_\`…`);
  });
  it("should close strong emphasis the cut left open, but not count asterisks inside code", () => {
    expect(shortMarkdown(`${"y".repeat(70)} **SYN-ACK segment**`)).toBe(`${"y".repeat(70)} **SYN-ACK**…`);
    expect(shortMarkdown(`\`**\` ${"z".repeat(80)}`)).toBe(`\`**\` ${"z".repeat(75)}…`);
  });
});
