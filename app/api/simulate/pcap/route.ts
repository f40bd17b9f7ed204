import { withApi } from "@/lib/server/http";
import { simulationCaller } from "@/lib/server/simulation";
import { handleSimulatePcap } from "./handler";

/** Simulation is CPU work on the request; never cached, never prerendered. */
export const dynamic = "force-dynamic";

export const GET = withApi(async (request: Request) => handleSimulatePcap(request, await simulationCaller(request.headers)));
