import { z } from "zod";
import { clientIp } from "@/lib/server/auth";
import { apiError, readJson, requestLocale, translator } from "@/lib/server/http";
import { createLimiter } from "@/lib/server/rate-limit";
import { validateScenario } from "@/lib/sim/validate";
import { formatTraceText, LIMITS, simulate, type Scenario } from "@/lib/tcp";

/**
 * POST /api/simulate: a scenario in, its trace out. Public (the playground works signed out), so
 * everything is bounded: body size (413), schema bounds from lib/tcp `LIMITS` (400 with issues),
 * an event cap that guarantees termination, and a per-IP rate limit (429).
 */

/**
 * Largest event cap a request may ask for. `LIMITS.maxEvents` (200 000) is fine for the library,
 * but its JSON (~200 B per event) would be a ~40 MB response; 20 000 events cover every preset
 * with room to spare and keep a response around 4 MB.
 */
export const API_MAX_EVENTS = 20_000;

// Each run is CPU on a shared server: 60 runs per minute per IP is plenty for a person clicking
// "Run" and a brake on a script.
// The pcap download (./pcap/handler.ts) runs the simulator too and shares this budget.
export const limitSimulate = createLimiter("simulate-ip", 60, 60);

export async function handleSimulate(request: Request): Promise<Response> {
  const locale = requestLocale(request);
  const t = translator(locale, "sim.api");
  const limit = await limitSimulate(clientIp(request.headers));
  if (!limit.ok) return apiError(locale, "rateLimited", { values: { seconds: limit.retryAfterSeconds }, headers: { "Retry-After": String(limit.retryAfterSeconds) } });

  // readJson enforces content type (415), size while streaming (413) and JSON syntax (400);
  // the scenario is validated below so built-in messages can follow the reader's language.
  const body = await readJson(request, z.unknown(), LIMITS.maxScenarioJsonBytes);
  if (!body.ok) return body.response;
  const raw = body.data;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return apiError(locale, "invalidInput", { message: t("notAnObject"), issues: [{ path: "(root)", message: t("notAnObject") }] });
  }
  const parsed = validateScenario(raw, locale);
  if (!parsed.ok) return apiError(locale, "invalidInput", { message: t("invalidScenario"), issues: parsed.issues });
  const requested = (raw as { maxEvents?: unknown }).maxEvents;
  if (typeof requested === "number" && requested > API_MAX_EVENTS) {
    const message = t("tooManyEvents", { max: API_MAX_EVENTS });
    return apiError(locale, "invalidInput", { message, issues: [{ path: "maxEvents", message }] });
  }
  const scenario: Scenario = { ...parsed.scenario, maxEvents: Math.min(parsed.scenario.maxEvents, API_MAX_EVENTS) };

  let trace;
  try {
    trace = simulate(scenario);
  } catch (error) {
    // A simulator bug must not look like a server crash to the reader: say what failed (422) and
    // log it for us.
    console.error("[api/simulate] simulate threw", error);
    return Response.json(
      { error: { code: "simulationFailed", message: t("simulationFailed"), detail: error instanceof Error ? error.message : String(error) } },
      { status: 422 },
    );
  }
  const url = new URL(request.url);
  if (url.searchParams.get("format") === "text") {
    let text: string;
    try {
      text = formatTraceText(trace);
    } catch (error) {
      console.error("[api/simulate] formatTraceText threw", error);
      return Response.json({ error: { code: "simulationFailed", message: t("simulationFailed") } }, { status: 422 });
    }
    return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  return Response.json(trace, { headers: { "cache-control": "no-store" } });
}
