import type { Locale } from "./locale";

/**
 * Numbers and percentages for people, one way everywhere (issue #13: six hand-written `pct()`s
 * became this). Built on Intl.NumberFormat (ECMA-402), so rounding is the standard's
 * ("halfExpand") and digits follow the locale; formatters are cached per option set, as
 * constructing one is the expensive part.
 * @see https://tc39.es/ecma402/#numberformat-objects
 */
export type NumberOptions = {
  /** Decimals (default 0). */
  digits?: number;
  /** Always show `digits` decimals ("12.0%"), not only as many as needed ("12%"). */
  fixed?: boolean;
  /** Thousands separators (default true; false for machine-read output such as CSV). */
  grouping?: boolean;
};

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, style: "decimal" | "percent", { digits = 0, fixed = false, grouping = true }: NumberOptions): Intl.NumberFormat {
  const key = `${locale}|${style}|${digits}|${fixed}|${grouping}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style, maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0, useGrouping: grouping });
    cache.set(key, f);
  }
  return f;
}

/** The placeholder for a value that does not exist yet (no answers, no score). */
export const NO_VALUE = "—";

export function formatNumber(x: number, options: NumberOptions & { locale?: Locale } = {}): string {
  return formatter(options.locale ?? "en", "decimal", options).format(x);
}

/** A share 0…1 as a percentage: 0.125 → "13%", or "12.5%" with `digits: 1`; null → "—". */
export function formatPercent(x: number | null, options: NumberOptions & { locale?: Locale } = {}): string {
  return x === null ? NO_VALUE : formatter(options.locale ?? "en", "percent", options).format(x);
}

/**
 * The start of a question's markdown as a one-line label that still parses as the same inline
 * markdown (CommonMark code spans and strong emphasis): its first line, cut at `max` characters
 * with "…", and a code span or `**` the cut left open closed again, so a label renders
 * `SYN_RECV` as code instead of showing a raw backtick (issue #19).
 */
export function shortMarkdown(markdown: string, max = 80): string {
  const line = (markdown.trim().split("\n")[0] ?? "").trim();
  if (line.length <= max) return line;
  let cut = line.slice(0, max).trimEnd();
  // An odd number of backticks: the cut is inside a code span.
  if ((cut.match(/`/g)?.length ?? 0) % 2 === 1) cut += "`";
  else if ((cut.replace(/`[^`]*`/g, "").match(/\*\*/g)?.length ?? 0) % 2 === 1) cut += "**";
  return `${cut}…`;
}
