/** Pure trace → sequence-diagram layout and accessible event rows (issue #3, Visual). */
export { layoutSequence, gapFor, textWidth, wrapText, GEOMETRY } from "./layout";
export type { LayoutOptions, DiagramLayout, Lane, ArrowMark, ArrowFate, TextMark, MarkKind, BreakMark, TimeTick } from "./layout";
export { eventRows, type EventRow, type RowOptions } from "./rows";
export { formatTime, formatDuration, segmentText, callText, returnText, words } from "./text";
export { formatSsTable } from "./ss";
