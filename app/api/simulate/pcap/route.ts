import { withApi } from "@/lib/server/http";
import { handleSimulatePcap } from "./handler";

/** Simulation is CPU work on the request; never cached, never prerendered. */
export const dynamic = "force-dynamic";

export const GET = withApi(handleSimulatePcap);
