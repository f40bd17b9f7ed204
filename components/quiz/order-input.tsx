"use client";

import { closestCenter, DndContext, type DragEndEvent, KeyboardSensor, PointerSensor, useSensor, useSensors } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useTranslations } from "next-intl";
import type { ClientOption } from "./client-types";
import { InlineHtml } from "./inline-html";

/**
 * Ordering input: drag with a pointer, or with the keyboard (focus the handle, Space to lift,
 * arrows to move, Space to drop — dnd-kit's KeyboardSensor), or use the explicit up/down
 * buttons, which are the simplest path for screen-reader and keyboard users.
 */
export function OrderInput({
  id,
  items,
  order,
  onChange,
  disabled,
  labelledBy,
}: {
  id: string;
  items: ClientOption[];
  order: string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
  labelledBy: string;
}) {
  const t = useTranslations("quiz.order");
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const byId = new Map(items.map((i) => [i.id, i]));
  const textOf = (itemId: string) => byId.get(itemId)?.text ?? itemId;

  function move(from: number, to: number) {
    if (to < 0 || to >= order.length) return;
    onChange(arrayMove(order, from, to));
  }

  function onDragEnd(event: DragEndEvent) {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    move(order.indexOf(String(active.id)), order.indexOf(String(over.id)));
  }

  return (
    <DndContext
      id={`dnd-${id}`}
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t("instructions") },
        announcements: {
          onDragStart: ({ active }) => t("picked", { item: textOf(String(active.id)) }),
          onDragOver: ({ active, over }) => (over ? t("over", { item: textOf(String(active.id)), position: order.indexOf(String(over.id)) + 1 }) : undefined),
          onDragEnd: ({ active, over }) => (over ? t("dropped", { item: textOf(String(active.id)), position: order.indexOf(String(over.id)) + 1 }) : t("cancelled")),
          onDragCancel: () => t("cancelled"),
        },
      }}
    >
      <SortableContext items={order} strategy={verticalListSortingStrategy} disabled={disabled}>
        <ol className="flex flex-col gap-2" aria-labelledby={labelledBy}>
          {order.map((itemId, index) => (
            <SortableRow
              key={itemId}
              itemId={itemId}
              index={index}
              count={order.length}
              label={byId.get(itemId)?.label ?? ""}
              text={textOf(itemId)}
              disabled={disabled}
              onMove={move}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({
  itemId,
  index,
  count,
  label,
  text,
  disabled,
  onMove,
}: {
  itemId: string;
  index: number;
  count: number;
  /** HTML from inlineMarkdownHtml. */
  label: string;
  text: string;
  disabled?: boolean;
  onMove: (from: number, to: number) => void;
}) {
  const t = useTranslations("quiz.order");
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: itemId, disabled });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`flex items-center gap-2 rounded-md border border-line bg-surface px-3 py-2 ${isDragging ? "z-10 shadow-md" : ""}`}
      data-item-id={itemId}
    >
      <span className="w-6 shrink-0 text-right font-mono text-sm text-muted">{index + 1}.</span>
      <button
        type="button"
        className="cursor-grab touch-none rounded px-1 text-muted focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed"
        aria-label={t("handle", { item: text })}
        disabled={disabled}
        {...attributes}
        {...listeners}
      >
        ⠿
      </button>
      <span className="flex-1">
        <InlineHtml html={label} />
      </span>
      <span className="flex gap-1">
        <button
          type="button"
          className="rounded border border-line px-2 py-0.5 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-40"
          onClick={() => onMove(index, index - 1)}
          disabled={disabled || index === 0}
          aria-label={t("up", { item: text })}
        >
          ↑
        </button>
        <button
          type="button"
          className="rounded border border-line px-2 py-0.5 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-40"
          onClick={() => onMove(index, index + 1)}
          disabled={disabled || index === count - 1}
          aria-label={t("down", { item: text })}
        >
          ↓
        </button>
      </span>
    </li>
  );
}
