"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Facility and discrimination per question (issue #15 item 6). Decorative for screen readers
 * (aria-hidden, and no keyboard layer: nothing in it takes focus): the page renders the same
 * numbers in the table below it.
 */
export function ItemChart({ data, facilityLabel, discriminationLabel }: { data: { label: string; facility: number; discrimination: number }[]; facilityLabel: string; discriminationLabel: string }) {
  return (
    <div aria-hidden="true" className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "currentColor" }} />
          <YAxis domain={[-1, 1]} tick={{ fontSize: 12, fill: "currentColor" }} width={36} />
          <Tooltip />
          <Legend />
          <Bar dataKey="facility" name={facilityLabel} fill="#1d5fd1" isAnimationActive={false} />
          <Bar dataKey="discrimination" name={discriminationLabel} fill="#7a4d00" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
