import { ScenarioDiagram } from "@/components/sim/scenario-figure";
import type { Locale } from "@/lib/content/topics";
import type { Scenario } from "@/lib/tcp";

/**
 * A question's scenario diagram (simulated and drawn on the server by the simulator UI's
 * ScenarioDiagram). Before submission `untilMs` cuts it off before the asked part; after
 * submission `highlightSeqNo` marks where the answer departed from the simulation.
 */
export function ScenarioSlot({
  scenario,
  locale,
  untilMs,
  highlightSeqNo,
  caption,
}: {
  scenario: Scenario;
  locale: Locale;
  untilMs?: number;
  highlightSeqNo?: number;
  caption?: string;
}) {
  return (
    <figure className="flex flex-col gap-2">
      {caption ? <figcaption className="text-sm text-muted">{caption}</figcaption> : null}
      <ScenarioDiagram scenario={scenario} locale={locale} untilMs={untilMs} highlightSeqNo={highlightSeqNo} label={caption} />
    </figure>
  );
}
