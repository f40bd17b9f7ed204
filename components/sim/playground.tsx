"use client";

import type { Locale } from "@/lib/core/locale";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { formatTime } from "@/lib/diagram";
import { sysctlSchema } from "@/lib/tcp/scenario";
import type { Trace } from "@/lib/tcp/types";
import { compactScenario, sameJson, shareQuery } from "@/lib/sim/scenario-url";
import { playbackLabels } from "./scenario-figure";
import { TraceView } from "./trace-view";
import { validateScenario } from "@/lib/sim/validate";

export type PlaygroundPreset = { id: string; title: string; description: string; tags: string[]; scenario: unknown };

type Props = {
  presets: PlaygroundPreset[];
  /** Preset the page opened with (null: a shared custom scenario). */
  initialPresetId: string | null;
  /** Scenario JSON the editor starts with (compact, pretty-printed). */
  initialText: string;
  /** The initial scenario's query string, e.g. `preset=normal-lifecycle`. */
  initialQuery: string;
  /** The initial run, rendered on the server so the page is useful before any script runs. */
  initialResult: ReactNode;
};

type Json = Record<string, unknown>;
type ApiIssue = { path: string; message: string };
type RunState =
  | { kind: "initial" }
  | { kind: "running" }
  | { kind: "done"; trace: Trace }
  | { kind: "error"; message: string; issues: ApiIssue[] };

/** Knobs offered as fields; the rest are reachable in the JSON (defaults from lib/tcp). */
const KNOBS = [
  "somaxconn",
  "tcp_max_syn_backlog",
  "tcp_syncookies",
  "tcp_abort_on_overflow",
  "tcp_syn_retries",
  "tcp_synack_retries",
  "tcp_fin_timeout",
  "tcp_orphan_retries",
] as const;
const DEFAULTS = sysctlSchema.parse({});
const FLAGS = ["SYN", "ACK", "FIN", "RST", "PSH"] as const;
const ACTIONS = ["drop", "delay", "duplicate"] as const;

type Fault = { action?: string; match?: { from?: string; to?: string; flags?: string[]; exact?: boolean }; nth?: number; count?: number; delayMs?: number };

function isRecord(v: unknown): v is Json {
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

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** Number input value ↔ optional JSON number (empty = use the default). */
function numberOrUndefined(raw: string): number | undefined {
  if (raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

const subscribeNothing = () => () => {};

export function Playground({ presets, initialPresetId, initialText, initialQuery, initialResult }: Props) {
  const t = useTranslations("sim.playground");
  const tf = useTranslations("sim.figure");
  const locale = useLocale() as Locale;
  const ids = useId();
  const [presetId, setPresetId] = useState<string>(initialPresetId ?? "");
  const [text, setText] = useState(initialText);
  const [run, setRun] = useState<RunState>({ kind: "initial" });
  const [query, setQuery] = useState(initialQuery);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  // The page's origin is only known in the browser; the server renders a relative link.
  const origin = useSyncExternalStore(subscribeNothing, () => window.location.origin, () => "");
  const shareUrl = `${origin}/${locale}/sim?${query}`;

  const parsed = useMemo(() => readJson(text), [text]);
  const validation = useMemo(() => (parsed.ok ? validateScenario(parsed.value, locale) : null), [parsed, locale]);
  const json = parsed.ok ? parsed.value : null;
  const hosts = useMemo(() => (json && Array.isArray(json.hosts) ? json.hosts.filter(isRecord).map((h) => String(h.name ?? "")) : []), [json]);
  const preset = presets.find((p) => p.id === presetId);
  const compact = useMemo(() => (json && validation?.ok ? compactScenario(json) : null), [json, validation]);
  const modified = preset !== undefined && compact !== null && !sameJson(compact, preset.scenario);

  /** Edit the scenario through the form: the JSON text stays the single source of truth. */
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

  const faults: Fault[] = json && Array.isArray(json.faults) ? (json.faults as Fault[]) : [];
  function setFaults(next: Fault[]) {
    update((draft) => {
      if (next.length) draft.faults = next;
      else delete draft.faults;
    });
  }
  function setFault(i: number, patch: (f: Fault) => Fault) {
    setFaults(faults.map((f, j) => (j === i ? patch(structuredClone(f)) : f)));
  }

  async function simulate(value: unknown) {
    setRun({ kind: "running" });
    setCopyState("idle");
    try {
      const res = await fetch("/api/simulate", {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": locale },
        body: JSON.stringify(value),
      });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const err = isRecord(body) && isRecord(body.error) ? body.error : {};
        setRun({ kind: "error", message: typeof err.message === "string" ? err.message : t("runFailed", { status: res.status }), issues: Array.isArray(err.issues) ? (err.issues as ApiIssue[]) : [] });
        return;
      }
      setRun({ kind: "done", trace: body as Trace });
      const q = shareQuery(value, presets);
      setQuery(q);
      // Keep the address bar shareable without adding a history entry per run.
      window.history.replaceState(null, "", `/${locale}/sim?${q}`);
    } catch {
      setRun({ kind: "error", message: t("network"), issues: [] });
    }
  }

  function choosePreset(id: string) {
    setPresetId(id);
    const p = presets.find((x) => x.id === id);
    if (!p) return;
    setText(pretty(p.scenario));
    void simulate(p.scenario);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(shareUrl);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  }

  const jsonError = !parsed.ok ? (parsed.message ? t("jsonSyntax", { message: parsed.message }) : t("jsonNotObject")) : null;
  const issues = validation && !validation.ok ? validation.issues : [];
  const canRun = validation?.ok === true && run.kind !== "running";
  const editorHelpId = `${ids}-editor-help`;
  const editorErrorId = `${ids}-editor-error`;
  const disabled = !json;

  let result: ReactNode;
  if (run.kind === "initial") result = initialResult;
  else if (run.kind === "running") result = <p className="text-sm text-muted">{t("running")}</p>;
  else if (run.kind === "error")
    result = (
      <Notice tone="error">
        <p>{run.message}</p>
        {run.issues.length ? (
          <ul className="mt-2 list-disc pl-5">
            {run.issues.map((i, k) => (
              <li key={k}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        ) : null}
      </Notice>
    );
  else {
    const name = preset && !modified ? preset.title : t("customTitle");
    result = (
      <TraceView
        trace={run.trace}
        locale={locale}
        label={name}
        showFinal
        labels={{
          showTable: tf("showTable"),
          tableCaption: tf("tableCaption", { title: name }),
          finalTitle: tf("finalTitle", { time: formatTime(run.trace.endedAt) }),
          truncated: tf("truncated"),
          downloadPcap: tf("downloadPcap"),
          playback: playbackLabels(tf),
        }}
        pcapQuery={query}
      />
    );
  }

  const segments = run.kind === "done" ? run.trace.events.filter((e) => e.kind === "segment").length : 0;

  return (
    <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
      <form
        className="flex min-w-0 flex-col gap-6"
        aria-label={t("formLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          if (json && validation?.ok) void simulate(json);
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-preset`} className="text-sm font-medium">
            {t("preset")}
          </label>
          <select id={`${ids}-preset`} value={presetId} onChange={(e) => choosePreset(e.target.value)} className="w-full rounded-md border border-line bg-surface px-3 py-2" aria-describedby={`${ids}-preset-desc`}>
            {presetId === "" ? <option value="">{t("customOption")}</option> : null}
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          <p id={`${ids}-preset-desc`} className="text-sm text-muted">
            {preset ? preset.description : t("customDescription")}
            {modified ? <span className="ml-1 font-medium text-warn">{t("modified")}</span> : null}
          </p>
        </div>

        <fieldset className="flex min-w-0 flex-col gap-3 rounded-md border border-line p-4" disabled={disabled}>
          <legend className="px-1 text-sm font-semibold">{t("parameters")}</legend>
          <div className="grid grid-cols-2 gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${ids}-profile`} className="text-sm font-medium">
                {t("profile")}
              </label>
              <select id={`${ids}-profile`} value={String(json?.profile ?? "linux")} onChange={(e) => setPath(["profile"], e.target.value === "linux" ? undefined : e.target.value)} className="w-full rounded-md border border-line bg-surface px-2 py-1.5">
                <option value="linux">{t("profileLinux")}</option>
                <option value="rfc9293">{t("profileRfc")}</option>
              </select>
            </div>
            <NumberField id={`${ids}-seed`} label={t("seed")} value={json?.seed} placeholder="1" onChange={(v) => setPath(["seed"], v)} min={0} step={1} />
            <NumberField
              id={`${ids}-latency`}
              label={t("latency")}
              value={isRecord(json?.link) ? json.link.latencyMs : undefined}
              placeholder="0.01"
              onChange={(v) => setPath(["link", "latencyMs"], v)}
              min={0}
              step="any"
            />
          </div>
          <details>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("sysctls")}</summary>
            <p className="mt-2 text-xs text-muted">{t("sysctlHint")}</p>
            <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
              {KNOBS.map((k) => (
                <NumberField
                  key={k}
                  id={`${ids}-${k}`}
                  label={<code className="text-xs">{k}</code>}
                  value={isRecord(json?.sysctl) ? json.sysctl[k] : undefined}
                  placeholder={String(DEFAULTS[k])}
                  onChange={(v) => setPath(["sysctl", k], v)}
                  min={0}
                  step={1}
                />
              ))}
            </div>
          </details>
        </fieldset>

        <fieldset className="flex min-w-0 flex-col gap-3 rounded-md border border-line p-4" disabled={disabled}>
          <legend className="px-1 text-sm font-semibold">{t("faults")}</legend>
          {faults.length === 0 ? <p className="text-sm text-muted">{t("noFaults")}</p> : null}
          <ol className="flex flex-col gap-4">
            {faults.map((f, i) => {
              const base = `${ids}-fault-${i}`;
              const flags = f.match?.flags ?? [];
              return (
                <li key={i} className="flex flex-col gap-2 rounded-md bg-slate-50 p-3" aria-label={t("faultN", { n: i + 1 })}>
                  <div className="grid grid-cols-2 gap-2">
                    <div className="flex flex-col gap-1">
                      <label htmlFor={`${base}-action`} className="text-xs font-medium">
                        {t("action")}
                      </label>
                      <select id={`${base}-action`} value={f.action ?? "drop"} onChange={(e) => setFault(i, (x) => ({ ...x, action: e.target.value, ...(e.target.value === "delay" && !x.delayMs ? { delayMs: 200 } : {}) }))} className="w-full rounded-md border border-line bg-surface px-2 py-1">
                        {ACTIONS.map((a) => (
                          <option key={a} value={a}>
                            {t(`actions.${a}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="flex flex-col gap-1">
                      <label htmlFor={`${base}-from`} className="text-xs font-medium">
                        {t("from")}
                      </label>
                      <select
                        id={`${base}-from`}
                        value={f.match?.from ?? ""}
                        onChange={(e) => setFault(i, (x) => ({ ...x, match: { ...x.match, from: e.target.value || undefined } }))}
                        className="w-full rounded-md border border-line bg-surface px-2 py-1"
                      >
                        <option value="">{t("anyHost")}</option>
                        {hosts.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </select>
                    </div>
                  </div>
                  <fieldset>
                    <legend className="text-xs font-medium">{t("flags")}</legend>
                    <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
                      {FLAGS.map((flag) => (
                        <label key={flag} className="flex items-center gap-1 text-sm">
                          <input
                            type="checkbox"
                            checked={flags.includes(flag)}
                            onChange={(e) =>
                              setFault(i, (x) => {
                                const now = new Set(x.match?.flags ?? []);
                                if (e.target.checked) now.add(flag);
                                else now.delete(flag);
                                const list = FLAGS.filter((fl) => now.has(fl));
                                return { ...x, match: { ...x.match, flags: list.length ? list : undefined } };
                              })
                            }
                          />
                          <span className="font-mono text-xs">{flag}</span>
                        </label>
                      ))}
                      <label className="flex items-center gap-1 text-sm">
                        <input type="checkbox" checked={f.match?.exact === true} onChange={(e) => setFault(i, (x) => ({ ...x, match: { ...x.match, exact: e.target.checked || undefined } }))} />
                        <span className="text-xs">{t("exact")}</span>
                      </label>
                    </div>
                  </fieldset>
                  <div className="grid grid-cols-3 gap-2">
                    <NumberField id={`${base}-nth`} label={t("nth")} value={f.nth} placeholder="1" min={1} step={1} small onChange={(v) => setFault(i, (x) => ({ ...x, nth: v }))} />
                    <NumberField id={`${base}-count`} label={t("count")} value={f.count} placeholder="1" min={1} step={1} small onChange={(v) => setFault(i, (x) => ({ ...x, count: v }))} />
                    {f.action === "delay" || f.action === "duplicate" ? (
                      <NumberField id={`${base}-delay`} label={t("delayMs")} value={f.delayMs} placeholder="0" min={0} step="any" small onChange={(v) => setFault(i, (x) => ({ ...x, delayMs: v }))} />
                    ) : null}
                  </div>
                  <div>
                    <Button variant="ghost" className="px-2 py-1" onClick={() => setFaults(faults.filter((_, j) => j !== i))}>
                      {t("removeFault", { n: i + 1 })}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
          <div>
            <Button variant="secondary" onClick={() => setFaults([...faults, { action: "drop", match: { flags: ["SYN"] }, nth: 1 }])}>
              {t("addFault")}
            </Button>
          </div>
        </fieldset>

        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-json`} className="text-sm font-medium">
            {t("json")}
          </label>
          <p id={editorHelpId} className="text-xs text-muted">
            {t("jsonHint")}
          </p>
          <textarea
            id={`${ids}-json`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            rows={12}
            aria-invalid={jsonError || issues.length ? true : undefined}
            aria-describedby={`${editorHelpId}${jsonError || issues.length ? ` ${editorErrorId}` : ""}`}
            className={`w-full rounded-md border bg-surface px-3 py-2 font-mono text-xs leading-5 ${jsonError || issues.length ? "border-bad" : "border-line"}`}
          />
          {jsonError || issues.length ? (
            <div id={editorErrorId} className="text-sm text-bad">
              {jsonError ? <p>{jsonError}</p> : null}
              {issues.length ? (
                <>
                  <p>{t("issuesTitle")}</p>
                  <ul className="list-disc pl-5">
                    {issues.slice(0, 12).map((i, k) => (
                      <li key={k}>
                        <code>{i.path}</code>: {i.message}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}
        </div>

        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={!canRun}>
            {run.kind === "running" ? t("running") : t("run")}
          </Button>
          {preset ? (
            <Button variant="secondary" onClick={() => choosePreset(preset.id)}>
              {t("reset")}
            </Button>
          ) : null}
        </div>
      </form>

      <section aria-labelledby={`${ids}-result`} className="flex min-w-0 flex-col gap-4">
        <h2 id={`${ids}-result`} className="text-xl font-semibold">
          {t("result")}
        </h2>
        <p role="status" className="text-sm text-muted">
          {run.kind === "done" ? t("ranSummary", { events: run.trace.events.length, segments, end: formatTime(run.trace.endedAt) }) : run.kind === "running" ? t("running") : ""}
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-share`} className="text-sm font-medium">
            {t("shareLabel")}
          </label>
          <div className="flex gap-2">
            <input id={`${ids}-share`} readOnly value={shareUrl} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-line bg-slate-50 px-3 py-1.5 font-mono text-xs" />
            <Button variant="secondary" onClick={() => void copy()}>
              {t("copy")}
            </Button>
          </div>
          <p className="text-xs text-muted" aria-live="polite">
            {copyState === "copied" ? t("copied") : copyState === "failed" ? t("copyFailed") : ""}
          </p>
        </div>
        <div data-testid="sim-result">{result}</div>
      </section>
    </div>
  );
}

function NumberField({
  id,
  label,
  value,
  placeholder,
  onChange,
  min,
  step,
  small = false,
}: {
  id: string;
  label: ReactNode;
  value: unknown;
  placeholder: string;
  onChange: (v: number | undefined) => void;
  min?: number;
  step?: number | "any";
  small?: boolean;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={small ? "text-xs font-medium" : "text-sm font-medium"}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={typeof value === "number" ? value : ""}
        placeholder={placeholder}
        min={min}
        step={step}
        onChange={(e) => onChange(numberOrUndefined(e.target.value))}
        className="w-full rounded-md border border-line bg-surface px-2 py-1"
      />
    </div>
  );
}
