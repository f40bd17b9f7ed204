"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, XAxis, YAxis } from "recharts";

export type CalibrationDatum = { level: string; stated: number; actual: number | null };

/**
 * Stated confidence (line, the diagonal of perfect calibration) against the actual mean score
 * (bars) per confidence level, in percent. Visual only: the report shows the same numbers in a
 * table, and the figure carries a text summary.
 */
export function CalibrationChart({ data, statedName, actualName }: { data: CalibrationDatum[]; statedName: string; actualName: string }) {
  return (
    <div aria-hidden="true" className="h-56 w-full max-w-xl">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="level" tick={{ fontSize: 12, fill: "currentColor" }} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: 12, fill: "currentColor" }} unit="%" />
          <Legend />
          <Bar dataKey="actual" name={actualName} fill="#1d5fd1" isAnimationActive={false} />
          <Line dataKey="stated" name={statedName} stroke="#a3211a" strokeDasharray="4 3" dot isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
