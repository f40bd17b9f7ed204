/**
 * Facets: the parameters a family drew for one variant (backlog size, which segment is lost,
 * which side closes first…), stored with every generated variant so an instructor's item
 * analysis can show the correct rate per parameter value and see which variant difficulty is
 * off (issue #15 item 6: "for scenario families also the correct rate per generated parameter,
 * e.g. by backlog size, by loss position").
 *
 * One vocabulary for every family, so the analysis labels a facet the same way whichever family
 * drew it, in both languages. Facets live in the server-only attempt row (`QuestionAttempt.params`)
 * like the rest of the params; they never reach a student's page before submission.
 */
import type { Locale, Localized } from "@/lib/core";

/** Every facet name a family may report, with its label. */
export const FACET_LABELS = {
  difficulty: { en: "difficulty", zh: "难度" },
  backlog: { en: "listen() backlog", zh: "listen() backlog" },
  somaxconn: { en: "somaxconn", zh: "somaxconn" },
  clients: { en: "clients", zh: "客户端数" },
  acceptedFirst: { en: "accepted before", zh: "先 accept 的连接数" },
  loss: { en: "segment lost", zh: "丢失的报文段" },
  copies: { en: "copies lost", zh: "丢失次数" },
  latency: { en: "one-way latency (ms)", zh: "单程时延（ms）" },
  active: { en: "active closer", zh: "主动关闭方" },
  side: { en: "side", zh: "一方" },
  how: { en: "shutdown()", zh: "shutdown()" },
  leaked: { en: "sockets leaked", zh: "泄漏的 socket" },
  finTimeout: { en: "tcp_fin_timeout (s)", zh: "tcp_fin_timeout（秒）" },
  syncookies: { en: "tcp_syncookies", zh: "tcp_syncookies" },
  synackRetries: { en: "tcp_synack_retries", zh: "tcp_synack_retries" },
  synRetries: { en: "tcp_syn_retries", zh: "tcp_syn_retries" },
  incident: { en: "incident", zh: "故障" },
  event: { en: "event", zh: "事件" },
  action: { en: "action", zh: "操作" },
  data: { en: "data exchanged", zh: "交换数据" },
  late: { en: "restart after TIME-WAIT", zh: "TIME-WAIT 结束后重启" },
} as const satisfies Record<string, Localized>;

export type FacetName = keyof typeof FACET_LABELS;
export type FacetValue = string | number | boolean;
export type Facets = Partial<Record<FacetName, FacetValue>>;

/** Values that are words rather than numbers or protocol names, in both languages. */
const VALUE_LABELS: Record<string, Localized> = {
  client: { en: "client", zh: "客户端" },
  server: { en: "server", zh: "服务器" },
  none: { en: "none", zh: "无" },
  true: { en: "yes", zh: "是" },
  false: { en: "no", zh: "否" },
};

export function isFacetName(name: string): name is FacetName {
  return Object.hasOwn(FACET_LABELS, name);
}

/** A facet's label; an unknown name (a row written by another build) is shown as stored. */
export function facetLabel(name: string, locale: Locale): string {
  return isFacetName(name) ? FACET_LABELS[name][locale] : name;
}

/** A facet value for display: yes/no, client/server and none translated, the rest as drawn. */
export function facetValueLabel(value: string, locale: Locale): string {
  return Object.hasOwn(VALUE_LABELS, value) ? VALUE_LABELS[value]![locale] : value;
}

export type ParameterRate = { name: string; parameter: string; value: string; responses: number; correctRate: number };

/** One grouped row of the facet statement: a variant's whole facet set (JSON text) and its counts. */
export type FacetGroup = { facets: string | null; difficulty: string | number | null; n: number | bigint; correct: number | bigint };

/**
 * Splits grouped facet sets into one rate per parameter value: a group `{backlog: 2, loss: "fin"}`
 * with 10 answers counts 10 for backlog = 2 and 10 for loss = fin. Parameters in the vocabulary's
 * order, values numerically where they are numbers. Rows without facets (written before they were
 * stored) count under their config's difficulty alone.
 */
export function splitFacets(groups: readonly FacetGroup[], locale: Locale): ParameterRate[] {
  const tally = new Map<string, { name: string; value: string; n: number; correct: number }>();
  for (const g of groups) {
    let facets: Record<string, unknown> = {};
    try {
      const parsed: unknown = g.facets === null ? null : JSON.parse(g.facets);
      if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) facets = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: counted as a row without facets.
    }
    if (!("difficulty" in facets) && g.difficulty !== null) facets = { ...facets, difficulty: g.difficulty };
    for (const [name, raw] of Object.entries(facets)) {
      if (!["string", "number", "boolean"].includes(typeof raw)) continue;
      const value = String(raw);
      const key = `${name}\u0000${value}`;
      const t = tally.get(key) ?? { name, value, n: 0, correct: 0 };
      t.n += Number(g.n);
      t.correct += Number(g.correct);
      tally.set(key, t);
    }
  }
  const order = Object.keys(FACET_LABELS);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const byValue = (a: string, b: string) => (a !== "" && b !== "" && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b));
  return [...tally.values()]
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name) || byValue(a.value, b.value))
    .map((t) => ({ name: t.name, parameter: facetLabel(t.name, locale), value: facetValueLabel(t.value, locale), responses: t.n, correctRate: t.n > 0 ? t.correct / t.n : 0 }));
}
