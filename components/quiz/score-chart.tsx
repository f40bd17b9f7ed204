"use client";

import { Bar, Tooltip, YAxis } from "recharts";
import { AXIS_TICK, BarChartFrame } from "@/components/ui/bar-chart-frame";

/**
 * Score distribution as a bar chart. Decorative for screen readers (aria-hidden): the page
 * renders the same numbers in a table next to it.
 */
export function ScoreChart({ buckets, studentsLabel }: { buckets: { label: string; count: number }[]; studentsLabel: string }) {
  return (
    <BarChartFrame data={buckets} xKey="label" height="h-64">
      <YAxis allowDecimals={false} tick={AXIS_TICK} width={32} />
      <Tooltip formatter={(value) => [value, studentsLabel]} />
      <Bar dataKey="count" fill="#1d5fd1" isAnimationActive={false} />
    </BarChartFrame>
  );
}
