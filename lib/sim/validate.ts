import { z } from "zod";
import { scenarioSchema, type Scenario, type ScenarioIssue } from "@/lib/tcp/scenario";

/**
 * `parseScenario` with zod's built-in messages in the reader's language (the schema's own custom
 * messages stay English). Shared by the API route and the playground so both say the same.
 */
export function validateScenario(raw: unknown, locale: "en" | "zh"): { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] } {
  const r = scenarioSchema.safeParse(raw, locale === "zh" ? { error: z.locales.zhCN().localeError } : undefined);
  if (r.success) return { ok: true, scenario: r.data };
  return {
    ok: false,
    issues: r.error.issues.slice(0, 20).map((i) => ({ path: i.path.length ? i.path.map(String).join(".") : "(root)", message: i.message })),
  };
}
