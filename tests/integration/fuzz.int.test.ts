/**
 * Hostile input (issue #7): fast-check over every route handler and every server action, with
 * random and malformed bodies, headers, ids and form fields, as random callers (anonymous,
 * students, an instructor, an admin). Bounded: FUZZ_RUNS per route (default 200) and
 * FUZZ_ACTION_RUNS per action (default 40). Properties:
 *   - never a 5xx and never an uncaught error (anything but Next's redirect/notFound/forbidden);
 *   - every 4xx carries a non-empty message (`{ error: { message } }`), and every refused action
 *     returns a message or per-field errors.
 * A failure prints fast-check's seed and the shrunk input; replay with FUZZ_SEED=<seed>.
 * Sessions as in the access matrix (tests/security/harness.ts): only the request's cookie jar is faked.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadQuestionBank } from "@/lib/content/questions";
import { builtinCatalogCards } from "@/lib/server/flashcards/catalog";
import { createUserCard } from "@/lib/server/flashcards/cards";
import { getSession, startSession } from "@/lib/server/interview/sessions";
import { startAttempt } from "@/lib/server/quiz/attempts";
import { saveAuthored } from "@/lib/server/quiz/authored-questions";
import { createClass, joinClass } from "@/lib/server/quiz/classes";
import { newPracticeVariant } from "@/lib/server/quiz/practice";
import { addItem, createQuiz, publishQuiz, quizSettingsSchema } from "@/lib/server/quiz/quizzes";
import { callAction, callRoute, errorMessage, setSessionUser, type TestUser } from "../security/harness";
import { dbKind, makeUser, routeHandlerFiles } from "./helpers";

vi.mock("next/headers", async (importOriginal) => (await import("../security/harness")).nextHeadersMock(importOriginal));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-intl/server", async () => (await import("../security/harness")).nextIntlServerMock());
vi.mock("@/i18n/navigation", async () => (await import("../security/harness")).navigationMock());

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ACTION_RUNS = Number(process.env.FUZZ_ACTION_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

// Rate limits are per user (or IP): many students spread the runs so most reach the body parser.
const students: TestUser[] = [];
const staff: TestUser[] = [];
const ids: string[] = [];
const ownQuestionIds = new Map<string, string[]>();

const make = async (role: "STUDENT" | "INSTRUCTOR" | "ADMIN", name: string): Promise<TestUser> => {
  const u = await makeUser(role, name);
  return { id: u.id, email: u.email, name: u.name, role };
};

// ------------------------------------------------------------------------------ arbitraries

const nasty = fc.constantFrom(
  "",
  " ",
  "null",
  "undefined",
  "../../etc/passwd",
  "' OR 1=1 --",
  '"; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "\u0000",
  "\uD800",
  "🙂".repeat(50),
  "x".repeat(5000),
  "%00",
  "__proto__",
  "constructor",
);
const text = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 80 }) }, { weight: 2, arbitrary: nasty }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) });
const anId = () => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: text });
/** A path segment as Next decodes it from a URL: always well-formed UTF-16 (no lone surrogates). */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** A valid example with one field replaced, removed or added, or any JSON at all. */
function nearValid(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const weird = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, fc.constantFrom(null, true, -1, 1e308, [], {}));
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ k: fc.constantFrom(...keys), v: weird }).map(({ k, v }) => ({ ...valid, [k]: v })) },
    { weight: 1, arbitrary: fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))) },
    { weight: 1, arbitrary: fc.record({ k: fc.string({ maxLength: 20 }), v: weird }).map(({ k, v }) => ({ ...valid, [k]: v })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constant(valid) },
  );
}

type Body = { body: string | Uint8Array; contentType: string | null };
function bodies(valid: Record<string, unknown>): fc.Arbitrary<Body> {
  const json = nearValid(valid).map((v) => JSON.stringify(v) ?? "null");
  const raw = fc.oneof(json, fc.constantFrom("", "{", "[1,", '{"a":', "nul", "{}".repeat(3000), JSON.stringify("x".repeat(70_000))), fc.string({ unit: "binary", maxLength: 500 }));
  return fc.record({
    body: fc.oneof({ weight: 5, arbitrary: raw }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) }),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") },
      { weight: 1, arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "APPLICATION/JSON", "application/jsonx") },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
  });
}

type Caller = { user: TestUser | null; ip: string; lang: string };
const caller = (who: "student" | "staff" | "any") =>
  fc.record({
    anonymous: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    pick: fc.nat(),
    ip: fc.ipV4(),
    lang: fc.constantFrom("en", "zh-CN,zh;q=0.9", "fr", "", "*", "zh"),
  }).map(({ anonymous, pick, ip, lang }): Caller => {
    const pool = who === "student" ? students : who === "staff" ? staff : [...students, ...staff];
    return { user: anonymous ? null : pool[pick % pool.length]!, ip, lang };
  });

// ---------------------------------------------------------------------------------- routes

type Call = { method: "GET" | "POST"; path: string; params?: Record<string, string>; body?: Body; form?: FormData };
type RouteSpec = { file: string; exportName: "GET" | "POST"; who: "student" | "staff" | "any"; calls: (c: Caller) => fc.Arbitrary<Call> };

const plainCard = () => builtinCatalogCards({ kind: "all" })[0]!.ref;
const query = fc.dictionary(fc.constantFrom("locale", "lang", "deck", "format", "x"), fc.oneof(text, fc.constantFrom("en", "zh", "own", "all", "handshake", "text")), { maxKeys: 3 });
const qs = (q: Record<string, string>) => {
  const s = new URLSearchParams(q).toString();
  return s ? `?${s}` : "";
};

const routeSpecs: RouteSpec[] = [
  {
    file: "app/api/quiz/questions/[id]/submit/route.ts",
    exportName: "POST",
    who: "student",
    calls: (c) =>
      fc.record({
        id: fc.oneof(fc.constantFrom(...(c.user ? (ownQuestionIds.get(c.user.id) ?? ["none"]) : ["none"])), anId()).map(wellFormed),
        body: bodies({ answer: { answer: "a", segments: [{ flags: ["SYN"], seq: 1, ack: null }] } }),
      }).map(({ id, body }) => ({ method: "POST", path: `/api/quiz/questions/${encodeURIComponent(id)}/submit`, params: { id }, body })),
  },
  {
    // The practice pages' buttons: a form, so near-valid forms as well as the JSON and raw bodies.
    file: "app/api/practice/route.ts",
    exportName: "POST",
    who: "student",
    calls: () =>
      fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .record({ id: anId(), fields: nearValid({ op: "next", locale: "en", scope: "topic", topic: "handshake" }), variant: fc.boolean() })
            .map(({ id, fields, variant }): Call => {
              const entries: [string, unknown][] = fields && typeof fields === "object" && !Array.isArray(fields) ? Object.entries({ ...fields, id, ...(variant ? { op: "variant" } : {}) }) : [["raw", fields]];
              const body = new URLSearchParams(entries.map(([k, v]): [string, string] => [k, typeof v === "string" ? v : (JSON.stringify(v) ?? "")])).toString();
              return { method: "POST", path: "/api/practice", body: { body, contentType: "application/x-www-form-urlencoded" } };
            }),
        },
        { weight: 1, arbitrary: bodies({ op: "variant", locale: "zh", scope: "adaptive" }).map((body): Call => ({ method: "POST", path: "/api/practice", body })) },
      ),
  },
  { file: "app/api/progress/route.ts", exportName: "GET", who: "student", calls: () => query.map((q) => ({ method: "GET", path: `/api/progress${qs(q)}` })) },
  { file: "app/api/progress/route.ts", exportName: "POST", who: "student", calls: () => bodies({ slug: "time-wait", complete: true }).map((body) => ({ method: "POST", path: "/api/progress", body })) },
  { file: "app/api/flashcards/review/route.ts", exportName: "POST", who: "student", calls: () => bodies({ cardRef: plainCard(), rating: "good" }).map((body) => ({ method: "POST", path: "/api/flashcards/review", body })) },
  { file: "app/api/flashcards/export/route.ts", exportName: "GET", who: "student", calls: () => query.map((q) => ({ method: "GET", path: `/api/flashcards/export${qs(q)}` })) },
  {
    file: "app/api/flashcards/import/route.ts",
    exportName: "POST",
    who: "student",
    calls: () =>
      fc.oneof(
        fc
          .record({
            file: fc.oneof(
              text,
              fc.array(fc.tuple(text, text), { maxLength: 5 }).map((rows) => rows.map((r) => r.join("\t")).join("\n")),
              fc.constantFrom("#separator:tab\n#html:false\nfront\tback\n", "a\tb\tc\td\te\n"),
            ),
            bytes: fc.option(fc.uint8Array({ maxLength: 100 })),
            topic: fc.oneof(fc.constantFrom("", "handshake"), text),
            fileField: fc.constantFrom("file", "upload"),
          })
          .map(({ file, bytes, topic, fileField }): Call => {
            const form = new FormData();
            form.append(fileField, new Blob([bytes ?? file]), "deck.txt");
            form.append("topic", topic);
            return { method: "POST", path: "/api/flashcards/import", form };
          }),
        bodies({ file: "x" }).map((body): Call => ({ method: "POST", path: "/api/flashcards/import", body })),
      ),
  },
  { file: "app/api/quiz/questions/gift/route.ts", exportName: "GET", who: "staff", calls: () => query.map((q) => ({ method: "GET", path: `/api/quiz/questions/gift${qs(q)}` })) },
  {
    file: "app/api/quiz/quizzes/[quizId]/grades/route.ts",
    exportName: "GET",
    who: "staff",
    calls: () => fc.record({ id: anId().map(wellFormed), q: query }).map(({ id, q }) => ({ method: "GET", path: `/api/quiz/quizzes/${encodeURIComponent(id)}/grades${qs(q)}`, params: { quizId: id } })),
  },
  {
    file: "app/api/quiz/quizzes/[quizId]/items/route.ts",
    exportName: "GET",
    who: "staff",
    calls: () => fc.record({ id: anId().map(wellFormed), q: query }).map(({ id, q }) => ({ method: "GET", path: `/api/quiz/quizzes/${encodeURIComponent(id)}/items${qs(q)}`, params: { quizId: id } })),
  },
  {
    file: "app/api/quiz/quizzes/[quizId]/monitor/route.ts",
    exportName: "GET",
    who: "staff",
    calls: () => fc.record({ id: anId().map(wellFormed), q: query }).map(({ id, q }) => ({ method: "GET", path: `/api/quiz/quizzes/${encodeURIComponent(id)}/monitor${qs(q)}`, params: { quizId: id } })),
  },
  {
    file: "app/api/simulate/route.ts",
    exportName: "POST",
    who: "any",
    calls: () => {
      const { scenario } = JSON.parse(readFileSync(path.join(process.cwd(), "content/scenarios/four-segment-teardown.json"), "utf8")) as { scenario: Record<string, unknown> };
      return fc.record({ body: bodies(scenario), text: fc.boolean() }).map(({ body, text: t }) => ({ method: "POST", path: `/api/simulate${t ? "?format=text" : ""}`, body }));
    },
  },
  {
    file: "app/api/simulate/pcap/route.ts",
    exportName: "GET",
    who: "any",
    // Hostile query strings: unknown presets, damaged or hostile base64url share links, both or neither.
    calls: () =>
      fc
        .dictionary(fc.constantFrom("preset", "s", "x"), fc.oneof(text, fc.constantFrom("four-segment-teardown", "nope", "e30", "W10", "***")), { maxKeys: 3 })
        .map((q) => ({ method: "GET", path: `/api/simulate/pcap${qs(q)}` })),
  },
  {
    file: "app/api/signup/route.ts",
    exportName: "POST",
    who: "any",
    // A fresh email each run, so the hostile name/password reaches the insert instead of a 409.
    calls: () => fc.uuid().chain((u) => bodies({ name: "Fuzz", email: `fuzz-${u}@example.test`, password: "correct horse battery" })).map((body) => ({ method: "POST", path: "/api/signup", body })),
  },
];

const NOT_FUZZED: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "next-auth's handler needs Next's request context; sign-in input is validated by lib/server/credentials.ts (accounts.int.test.ts) and exercised over HTTP in e2e",
};

async function callSpec(spec: RouteSpec, c: Caller, call: Call) {
  const mod = (await import(/* @vite-ignore */ `@/${spec.file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
  setSessionUser(c.user);
  const headers: Record<string, string> = { "x-forwarded-for": c.ip, "accept-language": c.lang };
  let body: BodyInit | null = null;
  if (call.form) {
    // Serialized by undici exactly as a browser would send it (boundary in the content type).
    const encoded = new Request("http://localhost/", { method: "POST", body: call.form });
    body = await encoded.arrayBuffer();
    headers["content-type"] = encoded.headers.get("content-type")!;
  } else if (call.body) {
    body = call.body.body as BodyInit;
    if (call.body.contentType) headers["content-type"] = call.body.contentType;
  }
  try {
    return await callRoute(mod[spec.exportName], { method: call.method, path: call.path, params: call.params, body, headers });
  } finally {
    setSessionUser(null);
  }
}

// --------------------------------------------------------------------------------- actions

const formFields = [
  "name", "title", "description", "mode", "code", "points", "family", "config", "difficulty", "classId", "dueAt", "draft", "text", "locale",
  "translationText", "defaultTopic", "userId", "role", "email", "password", "front", "back", "tags", "topic", "desiredRetention",
  "newPerDay", "reviewsPerDay", "length", "topics", "scenarios", "answer", "confidence", "score", "kp-0", "opensAt", "closesAt",
  "attemptLimit", "timeLimitMin", "file", "translationFile",
];
const fieldValue = fc.oneof(
  text,
  fc.constantFrom("PRACTICE", "EXAM", "handshake", "handshake-numbers", "INSTRUCTOR", "ADMIN", "3", "0.9", "on", "2030-01-01T10:00", "{}", '{"difficulty":9}', "en", "zh"),
  fc.integer().map(String),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? ""),
);
const formData = fc.dictionary(fc.constantFrom(...formFields), fc.array(fieldValue, { minLength: 1, maxLength: 2 }), { maxKeys: 10 }).map((d) => {
  const f = new FormData();
  for (const [k, vs] of Object.entries(d)) for (const v of vs) f.append(k, v);
  return f;
});

/** An argument for a declared parameter type of a server action. */
function argFor(type: string, index: number): fc.Arbitrary<unknown> {
  const t = type.replace(/\s+/g, " ").trim();
  if (index === 0) return fc.constantFrom("en", "zh", "xx", "", "__proto__");
  if (t === "FormData") return formData;
  if (/State$/.test(t)) return fc.constantFrom({ ok: false, message: "" }, { ok: false, errors: {} });
  if (t === "string") return anId();
  if (t === "string | null") return fc.option(anId(), { nil: null });
  if (t === "number") return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.NaN, 1e9, -1));
  if (t === "PracticeScope") return fc.oneof(fc.constantFrom({ kind: "topic", topic: "handshake" }, { kind: "family", family: "handshake-numbers" }), fc.jsonValue({ maxDepth: 2 }));
  if (t === '"up" | "down"') return fc.oneof(fc.constantFrom("up", "down"), text);
  throw new Error(`fuzz: no generator for a server-action parameter of type ${t}; add one to tests/integration/fuzz.int.test.ts`);
}

type ActionSpec = { file: string; name: string; types: string[] };

function actionSpecs(): ActionSpec[] {
  const dir = path.join(process.cwd(), "lib/server/actions");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .flatMap((f) => {
      const source = readFileSync(path.join(dir, f), "utf8");
      if (!/^["']use server["']/m.test(source)) return [];
      return [...source.matchAll(/^export async function (\w+)\(([^)]*)\)/gm)].map((m) => ({
        file: f.replace(/\.ts$/, ""),
        name: m[1]!,
        types: m[2]!
          .split(/,(?![^<{]*[>}])/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => p.replace(/^[\w$]+\??\s*:\s*/, "")),
      }));
    });
}

describe(`fuzz over route handlers and server actions on ${dbKind()}`, () => {
  beforeAll(async () => {
    for (let i = 0; i < 12; i += 1) students.push(await make("STUDENT", `Fuzz Student ${i}`));
    staff.push(await make("INSTRUCTOR", "Fuzz Instructor"), await make("ADMIN", "Fuzz Admin"));
    const I = { id: staff[0]!.id, role: "INSTRUCTOR" as const };
    const cls = await createClass(I, "Fuzz class");
    const bank = loadQuestionBank().find((q) => q.kind === "single")!;
    const quiz = await createQuiz(I, quizSettingsSchema.parse({ title: "Fuzz quiz", description: "", mode: "PRACTICE", attemptLimit: null, timeLimitMin: null, opensAt: null, closesAt: null }));
    const item = await addItem(I, quiz.id, { source: "bank", bankId: bank.id });
    const famItem = await addItem(I, quiz.id, { source: "family", family: "handshake-numbers" });
    await publishQuiz(I, quiz.id, cls.id, null);
    const authored = await saveAuthored(I, { ...bank, id: `fuzz-${randomUUID().slice(0, 6)}` });
    ids.push(cls.id, quiz.id, item.id, famItem.id, staff[0]!.id, students[0]!.id);
    if (authored.ok) ids.push(authored.id);
    for (const s of students.slice(0, 3)) {
      const actor = { id: s.id, role: "STUDENT" as const };
      await joinClass(actor, cls.joinCode);
      const own = [await newPracticeVariant(actor, { kind: "topic", topic: "handshake" }), await newPracticeVariant(actor, { kind: "family", family: "handshake-numbers" })];
      ownQuestionIds.set(s.id, own);
      ids.push(...own, await startAttempt(actor, quiz.id), (await createUserCard(s.id, { front: "f", back: "b", tags: [], topic: null })).id);
      const sessionId = await startSession(s.id, { length: 3, topics: ["handshake"], scenarios: true });
      ids.push(sessionId, ...(await getSession(s.id, sessionId))!.items.map((it) => it.id));
    }
  }, 120_000);
  afterAll(() => setSessionUser(null));

  for (const spec of routeSpecs) {
    it(`should answer ${spec.exportName} ${spec.file} without a 5xx, and every 4xx with a message`, async () => {
      await fc.assert(
        fc.asyncProperty(
          caller(spec.who).chain((c) => spec.calls(c).map((call) => ({ c, call }))),
          async ({ c, call }) => {
            const r = await callSpec(spec, c, call);
            if (r.status >= 500) throw new Error(`HTTP ${r.status}: ${r.text.slice(0, 300)}`);
            if (r.status >= 400 && !errorMessage(r)) throw new Error(`HTTP ${r.status} without a message: ${r.text.slice(0, 300)}`);
          },
        ),
        params(RUNS),
      );
    }, 300_000);
  }

  for (const spec of actionSpecs()) {
    it(`should survive random arguments to ${spec.file}.${spec.name}: no uncaught error, a message for every refusal`, async () => {
      const mod = (await import(/* @vite-ignore */ `@/lib/server/actions/${spec.file}`)) as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const args = fc.tuple(...spec.types.map((t, i) => argFor(t, i)));
      await fc.assert(
        fc.asyncProperty(caller("any"), args, async (c, a) => {
          setSessionUser(c.user);
          try {
            const outcome = await callAction(() => mod[spec.name]!(...a));
            if (outcome.kind === "state" && !outcome.state.ok) {
              const errors = outcome.state.errors as Record<string, unknown> | undefined;
              if (!outcome.state.message && !(errors && Object.values(errors).some((v) => typeof v === "string" && v.length > 0))) {
                throw new Error(`refused without a message: ${JSON.stringify(outcome.state)}`);
              }
            }
          } finally {
            setSessionUser(null);
          }
        }),
        params(ACTION_RUNS),
      );
    }, 300_000);
  }

  it("should fuzz every route handler in the app", () => {
    const routes = routeHandlerFiles();
    const covered = new Set([...routeSpecs.map((s) => s.file), ...Object.keys(NOT_FUZZED)]);
    expect(routes.filter((r) => !covered.has(r)), "add a RouteSpec in tests/integration/fuzz.int.test.ts").toEqual([]);
  });
});
