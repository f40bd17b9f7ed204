"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * The pieces the playground's editors share (parameters, faults, script): each editor is a
 * fieldset named by its legend, and the faults and script steps are lists edited in place —
 * one boxed item a fault or step, with its remove button under it, and an add button under the
 * list.
 */

/** One editor's box: a fieldset named by `legend`, disabled while the scenario runs. */
export function EditorFieldset({ legend, disabled, children }: { legend: ReactNode; disabled: boolean; children: ReactNode }) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-3 rounded-md border border-line p-4" disabled={disabled}>
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      {children}
    </fieldset>
  );
}

/** A list's edits as the next list: item `i` changed (on a copy, so a patch may mutate), removed, or one added. */
export function listEdits<T>(list: readonly T[], onChange: (next: T[]) => void) {
  return {
    update: (i: number, patch: (item: T) => T) => onChange(list.map((item, j) => (j === i ? patch(structuredClone(item)) : item))),
    remove: (i: number) => onChange(list.filter((_, j) => j !== i)),
    add: (item: T) => onChange([...list, item]),
  };
}

/** One item of the list: its fields, then the button that removes it (named for that item). */
export function EditorItem({ label, removeLabel, onRemove, children }: { label: string; removeLabel: string; onRemove: () => void; children: ReactNode }) {
  return (
    <li className="flex flex-col gap-2 rounded-md bg-slate-50 p-3" aria-label={label}>
      {children}
      <div>
        <Button variant="ghost" className="px-2 py-1" onClick={onRemove}>
          {removeLabel}
        </Button>
      </div>
    </li>
  );
}

/** The button under the list that adds an item. */
export function AddButton({ label, disabled, onClick }: { label: string; disabled?: boolean; onClick: () => void }) {
  return (
    <div>
      <Button variant="secondary" disabled={disabled} onClick={onClick}>
        {label}
      </Button>
    </div>
  );
}
