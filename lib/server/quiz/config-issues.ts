import { z } from "zod";
import type { Localized } from "@/lib/core";

/**
 * A family's config checked for an instructor (issue #15 item 8): unknown keys are refused (a
 * typo such as {"clients": 999} for clientsMax used to be dropped silently) and every problem is
 * described in both languages, so the 400 reads in the author's language.
 */

/** The family's schema with unknown keys refused (families declare plain zod objects). */
export function strictConfigSchema(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

function describeIssue(issue: z.core.$ZodIssue): Localized {
  const key = issue.path.join(".") || "config";
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = issue.keys.map((k) => `“${k}”`).join(", ");
      return { en: `unknown setting ${keys}`, zh: `未知参数 ${keys}` };
    }
    case "too_big":
      return { en: `${key} must be at most ${String(issue.maximum)}`, zh: `${key} 不能大于 ${String(issue.maximum)}` };
    case "too_small":
      return { en: `${key} must be at least ${String(issue.minimum)}`, zh: `${key} 不能小于 ${String(issue.minimum)}` };
    case "invalid_type":
      return { en: `${key} must be a ${issue.expected}`, zh: `${key} 的类型应为 ${issue.expected}` };
    case "invalid_value":
      return { en: `${key} must be one of ${issue.values.map(String).join(", ")}`, zh: `${key} 只能是 ${issue.values.map(String).join("、")}` };
    default:
      return { en: `${key} is not valid`, zh: `${key} 无效` };
  }
}

/** At most five issues, each language joined into one string (the QuizError values detailsEn/detailsZh). */
export function configIssueDetails(error: z.ZodError): { detailsEn: string; detailsZh: string } {
  const issues = error.issues.slice(0, 5).map(describeIssue);
  return { detailsEn: issues.map((i) => i.en).join("; "), detailsZh: issues.map((i) => i.zh).join("；") };
}
