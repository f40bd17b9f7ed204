import type { Scenario, ScenarioInput } from "./scenario";
import { scenarioSchema } from "./scenario";
import type { Trace } from "./types";

/** Run a validated scenario. Pure: same scenario ⇒ byte-identical JSON.stringify(trace). */
export function simulate(scenario: Scenario): Trace {
  void scenario;
  throw new Error("simulate: not implemented yet (issue #3)");
}

/** Validate then simulate (throws a ZodError on bad input). For tests and trusted callers. */
export function simulateInput(input: ScenarioInput): Trace {
  return simulate(scenarioSchema.parse(input));
}
