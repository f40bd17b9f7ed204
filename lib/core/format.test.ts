import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent, shortMarkdown } from "./format";

describe("formatPercent", () => {
  it("should round a share to whole percents by default, halves away from zero", () => {
    const cases = [[0.125, "13%"], [0.5, "50%"], [1, "100%"], [0, "0%"]] as const;
    for (const [share, text] of cases) expect(formatPercent(share)).toBe(text);
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

describe("formatPercent against the pages' former pct() helpers (issue #13)", () => {
  // Shares as the services compute them: tenths of a percent and thirds/sevenths of a class.
  const shares = [...Array.from({ length: 1001 }, (_, i) => i / 1000), ...Array.from({ length: 50 }, (_, i) => i / 49), 1 / 3, 2 / 3, 1 / 7, 5 / 7];

  it("should print what `${Math.round(x * 1000) / 10}%` printed (results, attempts), in both languages", () => {
    for (const x of shares) {
      const old = `${Math.round(x * 1000) / 10}%`;
      expect(formatPercent(x, { digits: 1, locale: "en" }), String(x)).toBe(old);
      expect(formatPercent(x, { digits: 1, locale: "zh" }), String(x)).toBe(old);
    }
  });

  it("should print what `${Math.round(x * 100)}%` printed (analysis, flashcards), in both languages, but round true halves up", () => {
    for (const x of shares) {
      // The old helper rounded the binary product: 0.145 * 100 is 14.499999999999998, so a
      // share of exactly 14.5% showed as 14%. Intl rounds the decimal the share stands for.
      const old = `${Math.round(Number((x * 100).toPrecision(12)))}%`;
      expect(formatPercent(x, { locale: "en" }), String(x)).toBe(old);
      expect(formatPercent(x, { locale: "zh" }), String(x)).toBe(old);
    }
    expect(`${Math.round(0.145 * 100)}%`).toBe("14%");
    expect(formatPercent(0.145)).toBe("15%");
  });
});
