import { apiError, requestLocale, translator } from "@/lib/server/http";
import { decodeScenarioParam } from "@/lib/sim/scenario-url";
import { validateScenario } from "@/lib/sim/validate";
import { pcapFileName, traceToPcap } from "@/lib/pcap/pcap";
import { getPreset, simulate, type Scenario } from "@/lib/tcp";
import { limitSimulation } from "@/lib/server/simulation";
import { downloadResponse } from "@/app/api/download";

/**
 * GET /api/simulate/pcap?preset=<id> | ?s=<shared scenario>: the run as a `.pcap` download
 * (lib/pcap). A GET with the scenario in the URL, like the playground's share links, so a plain
 * link works on the lesson pages, which ship no React runtime (issue #7), and in the playground
 * and answered questions alike. Public like POST /api/simulate, with the same bounds: the share
 * link's length limit and the scenario schema (lib/tcp LIMITS, event cap included), and the same
 * simulation budget of `caller` (lib/server/simulation.ts).
 */
export async function handleSimulatePcap(request: Request, caller: string): Promise<Response> {
  const locale = requestLocale(request);
  const t = translator(locale, "sim.api");
  const limit = await limitSimulation(caller);
  if (!limit.ok) return apiError(locale, "rateLimited", { values: { seconds: limit.retryAfterSeconds }, headers: { "Retry-After": String(limit.retryAfterSeconds) } });

  const query = new URL(request.url).searchParams;
  const presetId = query.get("preset");
  const shared = query.get("s");
  const bad = (message: string) => apiError(locale, "invalidInput", { message, issues: [{ path: presetId !== null ? "preset" : "s", message }] });
  if ((presetId === null) === (shared === null)) {
    const message = t("pcapQuery");
    return apiError(locale, "invalidInput", { message, issues: [{ path: "(query)", message }] });
  }

  let scenario: Scenario;
  let name: string | null = null;
  if (presetId !== null) {
    const preset = getPreset(presetId);
    if (!preset) return apiError(locale, "notFound", { message: t("unknownPreset", { id: presetId.slice(0, 60) }) });
    scenario = preset.scenario;
    name = preset.id;
  } else {
    const decoded = decodeScenarioParam(shared!);
    if (!decoded.ok) return bad(t(decoded.reason === "tooLong" ? "linkTooLong" : "linkMalformed"));
    const raw = decoded.value;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return bad(t("notAnObject"));
    const parsed = validateScenario(raw, locale);
    if (!parsed.ok) return apiError(locale, "invalidInput", { message: t("invalidScenario"), issues: parsed.issues });
    scenario = parsed.scenario;
  }

  let bytes: Uint8Array;
  try {
    bytes = traceToPcap(simulate(scenario));
  } catch (error) {
    console.error("[api/simulate/pcap] failed", error);
    return Response.json({ error: { code: "simulationFailed", message: t("simulationFailed") } }, { status: 422 });
  }
  // The type tcpdump captures are registered under (IANA media types, "vnd.tcpdump.pcap").
  return downloadResponse(bytes as BodyInit, { filename: pcapFileName(name), type: "application/vnd.tcpdump.pcap" });
}
