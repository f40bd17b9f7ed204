"use client";

import { useMemo, useState } from "react";
import type { Locale } from "@/lib/core/locale";
import { validateScenario } from "@/lib/sim/validate";

/**
 * The scenario being edited. The JSON text is the single source of truth: the form's fields read
 * from its parse and write back through `update`/`setPath`, so what the JSON editor shows is
 * always what runs, and fields the form does not offer survive every form edit.
 */
export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function readJson(text: string): { ok: true; value: Json } | { ok: false; message: string } {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? { ok: true, value } : { ok: false, message: "" };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export const pretty = (v: unknown) => JSON.stringify(v, null, 2);

export type ScenarioDraft = ReturnType<typeof useScenarioDraft>;

export function useScenarioDraft(initialText: string, locale: Locale) {
  const [text, setText] = useState(initialText);
  const parsed = useMemo(() => readJson(text), [text]);
  const validation = useMemo(() => (parsed.ok ? validateScenario(parsed.value, locale) : null), [parsed, locale]);
  const json = parsed.ok ? parsed.value : null;
  const hosts = useMemo(() => (json && Array.isArray(json.hosts) ? json.hosts.filter(isRecord).map((h) => String(h.name ?? "")) : []), [json]);

  /** Edit the scenario through the form: mutate a copy and write it back as text. */
  function update(mutate: (draft: Json) => void) {
    if (!json) return;
    const draft = structuredClone(json);
    mutate(draft);
    setText(pretty(draft));
  }

  function setPath(path: string[], value: unknown) {
    update((draft) => {
      let node: Json = draft;
      for (const key of path.slice(0, -1)) {
        if (!isRecord(node[key])) node[key] = {};
        node = node[key] as Json;
      }
      const last = path[path.length - 1]!;
      if (value === undefined) delete node[last];
      else node[last] = value;
      // Leave no empty objects behind ("sysctl": {}): they only restate defaults.
      if (path.length > 1 && Object.keys(node).length === 0) {
        let parent: Json = draft;
        for (const key of path.slice(0, -2)) parent = parent[key] as Json;
        delete parent[path[path.length - 2]!];
      }
    });
  }

  /** A list field (`faults`, `script`): written back whole, removed when it becomes empty. */
  function setList(key: string, next: unknown[]) {
    update((draft) => {
      if (next.length) draft[key] = next;
      else delete draft[key];
    });
  }

  /** The syntax error of the text, or that it is not an object; null when it parses. */
  const syntaxError: { message: string } | null = parsed.ok ? null : { message: parsed.message };
  const issues = validation && !validation.ok ? validation.issues : [];

  return { text, setText, json, hosts, validation, valid: validation?.ok === true, syntaxError, issues, update, setPath, setList };
}
