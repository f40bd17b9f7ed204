import { withApi } from "@/lib/server/http";
import { handleSimulate } from "./handler";

/** Simulation is CPU work on the request; never cached, never prerendered. */
export const dynamic = "force-dynamic";

export const POST = withApi(handleSimulate);
