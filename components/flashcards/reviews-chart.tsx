"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReviewRating } from "@/lib/flashcards/scheduler";

export type ChartDay = { day: string; label: string } & Record<ReviewRating, number>;

const COLORS: Record<ReviewRating, string> = {
  again: "#a3211a",
  hard: "#b7791f",
  good: "#0f6b3a",
  easy: "#1d5fd1",
};

/**
 * Reviews per day as stacked bars by rating. Purely visual: the page gives the same numbers as a
 * table and a text summary (aria-label), so the chart itself is hidden from assistive technology.
 */
export function ReviewsChart({ data, names }: { data: ChartDay[]; names: Record<ReviewRating, string> }) {
  return (
    <div aria-hidden="true" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "currentColor" }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "currentColor" }} />
          <Tooltip />
          <Legend />
          {(["again", "hard", "good", "easy"] as const).map((r) => (
            <Bar key={r} dataKey={r} name={names[r]} stackId="reviews" fill={COLORS[r]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
