import { ScenarioDiagram } from "@/components/sim/scenario-figure";
import type { Translator } from "@/i18n/translator";
import type { Scenario } from "@/lib/tcp";
import type { Locale } from "@/lib/core";

/**
 * A question's scenario diagram (simulated and drawn on the server by the simulator UI's
 * ScenarioDiagram). Before submission `untilMs` cuts it off before the asked part; after
 * submission `highlightSeqNo` marks where the answer departed from the simulation. `t` is the
 * `sim.figure` translator (synchronous: the practice pages render through the Pages Router).
 */
export function ScenarioSlot({
  scenario,
  locale,
  untilMs,
  highlightSeqNo,
  caption,
  revealed = false,
  t,
}: {
  scenario: Scenario;
  locale: Locale;
  untilMs?: number;
  highlightSeqNo?: number;
  caption?: string;
  /** After submission: the whole run may be played step by step and downloaded as .pcap. */
  revealed?: boolean;
  t: Translator;
}) {
  return (
    <figure className="flex flex-col gap-2">
      {caption ? <figcaption className="text-sm text-muted">{caption}</figcaption> : null}
      <ScenarioDiagram t={t} scenario={scenario} locale={locale} untilMs={untilMs} highlightSeqNo={highlightSeqNo} label={caption} reveal={revealed} />
    </figure>
  );
}
