"use client";

import { Bar, Legend, Tooltip, YAxis } from "recharts";
import { AXIS_TICK, BarChartFrame } from "@/components/ui/bar-chart-frame";

/**
 * Facility and discrimination per question (issue #15 item 6). Decorative for screen readers
 * (aria-hidden, and no keyboard layer: nothing in it takes focus): the page renders the same
 * numbers in the table below it.
 */
export function ItemChart({ data, facilityLabel, discriminationLabel }: { data: { label: string; facility: number; discrimination: number }[]; facilityLabel: string; discriminationLabel: string }) {
  return (
    <BarChartFrame data={data} xKey="label" height="h-72">
      <YAxis domain={[-1, 1]} tick={AXIS_TICK} width={36} />
      <Tooltip />
      <Legend />
      <Bar dataKey="facility" name={facilityLabel} fill="#1d5fd1" isAnimationActive={false} />
      <Bar dataKey="discrimination" name={discriminationLabel} fill="#7a4d00" isAnimationActive={false} />
    </BarChartFrame>
  );
}
