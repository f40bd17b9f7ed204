"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Score distribution as a bar chart. Decorative for screen readers (aria-hidden): the page
 * renders the same numbers in a table next to it.
 */
export function ScoreChart({ buckets, studentsLabel }: { buckets: { label: string; count: number }[]; studentsLabel: string }) {
  return (
    <div aria-hidden="true" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "currentColor" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "currentColor" }} width={32} />
          <Tooltip formatter={(value) => [value, studentsLabel]} />
          <Bar dataKey="count" fill="#1d5fd1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
