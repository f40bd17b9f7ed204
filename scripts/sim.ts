/**
 * CLI: `npm run sim -- scenario.json [--format json|text|tcpdump] [--lang en|zh] [--timers]`
 *      `npm run sim -- --preset <id> [--format text|tcpdump]`
 * `--format tcpdump` prints segments as `tcpdump -n` does, with windows and TCP options.
 *      `npm run sim -- --list`
 * Prints the trace (JSON by default). Bad input exits with code 2 and the zod issues on
 * stderr, never a stack trace.
 */
import { readFileSync } from "node:fs";
import { PRESETS, PRESET_IDS, formatTraceText, isPresetId, parseScenario, simulate } from "@/lib/tcp";

const USAGE = `usage: npm run sim -- <scenario.json | -> [--format json|text|tcpdump] [--lang en|zh] [--timers]
       npm run sim -- --preset <id> [--format json|text|tcpdump]
       npm run sim -- --list`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let file: string | null = null;
  let preset: string | null = null;
  let format: "json" | "text" | "tcpdump" = "json";
  let lang: "en" | "zh" = "en";
  let timers = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--format") {
      const v = argv[++i];
      if (v !== "json" && v !== "text" && v !== "tcpdump") fail(`--format must be json, text or tcpdump\n${USAGE}`);
      format = v;
    } else if (a === "--lang") {
      const v = argv[++i];
      if (v !== "en" && v !== "zh") fail(`--lang must be en or zh\n${USAGE}`);
      lang = v;
    } else if (a === "--timers") timers = true;
    else if (a === "--preset") preset = argv[++i] ?? fail(`--preset needs an id\n${USAGE}`);
    else if (a === "--list") {
      for (const id of PRESET_IDS) process.stdout.write(`${id}\t${PRESETS[id].title.en}\n`);
      return;
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (a.startsWith("--")) fail(`unknown option ${a}\n${USAGE}`);
    else if (file === null) file = a;
    else fail(`one scenario file at a time\n${USAGE}`);
  }
  let raw: unknown;
  if (preset !== null) {
    if (!isPresetId(preset)) fail(`unknown preset "${preset}"; run with --list to see them`);
    raw = PRESETS[preset].scenario;
  } else {
    if (file === null) fail(USAGE);
    let text: string;
    try {
      text = readFileSync(file === "-" ? 0 : file, "utf8");
    } catch (e) {
      fail(`cannot read ${file}: ${(e as Error).message}`);
    }
    try {
      raw = JSON.parse(text);
    } catch (e) {
      fail(`${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const parsed = parseScenario(raw);
  if (!parsed.ok) {
    fail(`invalid scenario:\n${parsed.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`);
  }
  const trace = simulate(parsed.scenario);
  process.stdout.write(format === "json" ? `${JSON.stringify(trace, null, 2)}\n` : formatTraceText(trace, { lang, timers, tcpdump: format === "tcpdump" }));
}

main(process.argv.slice(2));
