import { z } from "zod";
import { apiError, readJson, requestLocale, translator } from "@/lib/server/http";
import { limitSimulation } from "@/lib/server/simulation";
import { validateScenario } from "@/lib/sim/validate";
import { formatTraceText, LIMITS, simulate, type Scenario } from "@/lib/tcp";

/**
 * POST /api/simulate: a scenario in, its trace out. Public (the playground works signed out), so
 * everything is bounded: body size (413), schema bounds from lib/tcp `LIMITS` — the same for
 * every entry point, including the event cap that bounds a run's CPU — (400 with issues), and the
 * simulation budget per user or client address shared with share links (429,
 * lib/server/simulation.ts). `caller` is who pays (simulationCaller).
 */
export async function handleSimulate(request: Request, caller: string): Promise<Response> {
  const locale = requestLocale(request);
  const t = translator(locale, "sim.api");
  const limit = await limitSimulation(caller);
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
  const scenario: Scenario = parsed.scenario;

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
