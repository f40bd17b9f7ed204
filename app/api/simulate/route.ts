import { withApi } from "@/lib/server/http";
import { simulationCaller } from "@/lib/server/simulation";
import { handleSimulate } from "./handler";

/** Simulation is CPU work on the request; never cached, never prerendered. */
export const dynamic = "force-dynamic";

export const POST = withApi(async (request: Request) => handleSimulate(request, await simulationCaller(request.headers)));
