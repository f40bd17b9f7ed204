"use client";

import type { ReactNode } from "react";
import { BarChart, CartesianGrid, ResponsiveContainer, XAxis } from "recharts";

/** Axis labels in the text's colour (dark mode included), a little smaller than the page's text. */
export const AXIS_TICK = { fontSize: 12, fill: "currentColor" };

/**
 * A bar chart of the results pages: as wide as its box and `height` tall (a Tailwind class),
 * horizontal grid lines, one bar group per `data` row named by its `xKey` on the x axis. The
 * y axis, tooltip, legend and bars are the chart's own (`children`). Decorative for screen
 * readers (aria-hidden, and no keyboard layer: nothing in it takes focus): every page that shows
 * one renders the same numbers in a table.
 */
export function BarChartFrame<D extends object>({ data, xKey, height, children }: { data: D[]; xKey: keyof D & string; height: string; children: ReactNode }) {
  return (
    <div aria-hidden="true" className={`${height} w-full`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={xKey as string} tick={AXIS_TICK} />
          {children}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
