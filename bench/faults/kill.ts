/**
 * `npm run fault:kill` — SIGKILL the server in the middle of a stream of submissions, restart it,
 * and check that nothing acknowledged was lost, doubled or half-written (issue #7). On SQLite and
 * on PostgreSQL (fresh databases, removed afterwards), against the production build.
 *
 * The stream mixes quiz answer submissions (POST /api/quiz/questions/:id/submit: one conditional
 * UPDATE of a QuestionAttempt row) and flashcard reviews (POST /api/flashcards/review: CardState
 * and ReviewLog written in one transaction), 16 in flight, every request sent once. After the
 * restart:
 *   - every acknowledged (200) submission's row is graded: submittedAt, answer, score, feedback;
 *   - no row is half-written (some of those columns set, others not);
 *   - every acknowledged review has exactly one log row and a card state that agrees (reps = 1);
 *     no (user, card) has two logs, no log lacks its state and no state lacks its log;
 *   - re-submitting acknowledged answers returns the stored grade (alreadySubmitted), and new
 *     work is accepted;
 *   - two tabs racing: 8 concurrent submissions of one question are graded exactly once.
 * Rows committed whose answer never arrived (the kill cut the response) are allowed: the client
 * saw a network error and a retry gets the stored result. Prints submitted/acknowledged/found.
 *
 *   tsx bench/faults/kill.ts [sqlite] [postgres]     (BENCH_REUSE_BUILD=1 reuses out/bench)
 */
import { ensureBuild, startServer } from "../lib/app";
import { query, requestedKinds, withDatabase, type FreshDb } from "../lib/databases";
import { seedDatabase } from "../lib/seed";
import { interleave } from "../lib/load";
import { signInAll } from "../lib/session";
import { startStream, tally, type Job } from "./stream";

const USERS = 20;
const PER_USER = 40;
const IN_FLIGHT = 16;
/** Kill once this many requests were acknowledged (or after KILL_AFTER_MS, whichever first). */
const KILL_AFTER_ACKS = 200;
const KILL_AFTER_MS = 6000;

type Check = { name: string; ok: boolean; detail: string };

async function runOn(fresh: FreshDb): Promise<{ checks: Check[]; figures: string[] }> {
  const seeded = seedDatabase(fresh.url, { users: USERS, attemptsPerUser: PER_USER + 2, cardsPerUser: PER_USER, topic: "handshake" });
  let server = await startServer({ databaseUrl: fresh.url });
  const checks: Check[] = [];
  const figures: string[] = [];
  try {
    const cookies = await signInAll(server.url, seeded.users);
    // The last two variants of each user are kept for after the restart (new work, the race).
    const reserved = seeded.users.map((_, u) => seeded.attempts.filter((a) => a.user === u).slice(PER_USER));
    const submitJobs: Job[] = interleave(
      seeded.users.map((_, u) =>
        seeded.attempts
          .filter((a) => a.user === u)
          .slice(0, PER_USER)
          .map((a) => ({ key: `qa:${a.id}`, path: `/api/quiz/questions/${a.id}/submit`, cookie: cookies[u]!, body: { answer: a.raw } })),
      ),
    );
    const probe = await fetch(`${server.url}/api/flashcards/review`, { method: "POST", headers: { "content-type": "application/json", cookie: cookies[0]! }, body: "{}" });
    await probe.arrayBuffer();
    const reviewsExist = probe.status !== 404;
    const reviewJobs: Job[] = reviewsExist
      ? interleave(
          seeded.users.map((user, u) =>
            seeded.cards
              .filter((c) => c.user === u)
              .map((c) => ({ key: `card:${user.id}:${c.cardRef}`, path: "/api/flashcards/review", cookie: cookies[u]!, body: { cardRef: c.cardRef, rating: "good" } })),
          ),
        )
      : [];
    if (!reviewsExist) figures.push("flashcard reviews: POST /api/flashcards/review does not exist in this build; submissions only");
    const jobs = interleave([submitJobs, reviewJobs]);

    let acks = 0;
    let resolveKill!: () => void;
    const killNow = new Promise<void>((r) => (resolveKill = r));
    const stream = startStream(server.url, jobs, IN_FLIGHT, {
      onOutcome: (o) => {
        if (o.status === 200 && ++acks >= KILL_AFTER_ACKS) resolveKill();
      },
    });
    const timer = setTimeout(resolveKill, KILL_AFTER_MS);
    await Promise.race([killNow, stream.done]);
    clearTimeout(timer);
    const inFlightAtKill = stream.sent() - stream.outcomes.length;
    await server.kill();
    const firstLog = server.output();
    await stream.stop();
    const beforeKill = stream.outcomes;
    figures.push(`SIGKILL after ${acks} acknowledgements with ${inFlightAtKill} requests in flight; outcomes ${JSON.stringify(tally(beforeKill))}`);

    server = await startServer({ databaseUrl: fresh.url });

    // Submissions.
    const subs = beforeKill.filter((o) => o.key.startsWith("qa:"));
    const ackedSubs = new Set(subs.filter((o) => o.status === 200).map((o) => o.key.slice(3)));
    const httpErrors = beforeKill.filter((o) => o.status !== null && o.status !== 200);
    checks.push({ name: "no HTTP error before the kill", ok: httpErrors.length === 0, detail: httpErrors.slice(0, 3).map((o) => `${o.status} ${JSON.stringify(o.body).slice(0, 120)}`).join("; ") || "all 200 or cut by the kill" });
    const logged = firstLog.indexOf("[api] unexpected error");
    if (logged >= 0) figures.push(`server log before the kill: ${firstLog.slice(logged, logged + 800)}`);
    const rows = await query<{ id: string; submittedAt: unknown; answer: unknown; score: unknown; feedback: unknown }>(
      fresh.url,
      `SELECT "id", "submittedAt", "answer", "score", "feedback" FROM "QuestionAttempt"`,
    );
    const graded = rows.filter((r) => r.submittedAt !== null);
    const gradedIds = new Set(graded.map((r) => r.id));
    const lost = [...ackedSubs].filter((id) => !gradedIds.has(id));
    const half = rows.filter((r) => {
      const set = [r.submittedAt, r.answer, r.score, r.feedback].map((v) => v !== null);
      return set.some(Boolean) && !set.every(Boolean);
    });
    figures.push(`submissions: submitted ${subs.length}, acknowledged ${ackedSubs.size}, found graded ${graded.length} (${graded.length - ackedSubs.size} committed but cut off before the answer reached the client)`);
    checks.push({ name: "every acknowledged submission is in the database", ok: lost.length === 0, detail: `${lost.length} lost` });
    checks.push({ name: "no half-written question attempt", ok: half.length === 0, detail: `${half.length} half-written of ${rows.length}` });
    const sentIds = new Set(subs.map((o) => o.key.slice(3)));
    const gradedUnsent = graded.filter((r) => !sentIds.has(r.id));
    checks.push({ name: "nothing graded that was never sent", ok: gradedUnsent.length === 0, detail: `${gradedUnsent.length}` });

    // Reviews.
    if (reviewsExist) {
      const revs = beforeKill.filter((o) => o.key.startsWith("card:"));
      const ackedRevs = new Set(revs.filter((o) => o.status === 200).map((o) => o.key.slice(5)));
      const logs = await query<{ userId: string; cardRef: string; n: number | string }>(fresh.url, `SELECT "userId", "cardRef", COUNT(*) AS n FROM "ReviewLog" GROUP BY "userId", "cardRef"`);
      const states = await query<{ userId: string; cardRef: string; reps: number | string }>(fresh.url, `SELECT "userId", "cardRef", "reps" FROM "CardState"`);
      const logCount = new Map(logs.map((l) => [`${l.userId}:${l.cardRef}`, Number(l.n)]));
      const stateReps = new Map(states.map((s) => [`${s.userId}:${s.cardRef}`, Number(s.reps)]));
      const lostRevs = [...ackedRevs].filter((k) => logCount.get(k) !== 1);
      const doubled = [...logCount].filter(([, n]) => n > 1);
      const orphans = [...logCount.keys()].filter((k) => !stateReps.has(k)).length + [...stateReps.keys()].filter((k) => !logCount.has(k)).length;
      const disagree = [...stateReps].filter(([k, reps]) => logCount.has(k) && reps !== logCount.get(k));
      figures.push(`reviews: submitted ${revs.length}, acknowledged ${ackedRevs.size}, found ${logCount.size} logged (${logCount.size - ackedRevs.size} committed but cut off)`);
      checks.push({ name: "every acknowledged review is logged exactly once", ok: lostRevs.length === 0, detail: `${lostRevs.length} missing or not exactly once` });
      checks.push({ name: "no review doubled", ok: doubled.length === 0, detail: `${doubled.length}` });
      checks.push({ name: "no half-written review (log ⇔ state, reps = logs)", ok: orphans === 0 && disagree.length === 0, detail: `${orphans} orphans, ${disagree.length} disagreeing` });
    }

    // After the restart: acknowledged answers keep their grade; new work is accepted.
    const again = [...ackedSubs].slice(0, 20);
    const byId = new Map(seeded.attempts.map((a) => [a.id, a]));
    const scoreOf = new Map(graded.map((r) => [r.id, Number(r.score)]));
    let idempotent = 0;
    for (const id of again) {
      const a = byId.get(id)!;
      const res = await fetch(`${server.url}/api/quiz/questions/${id}/submit`, { method: "POST", headers: { "content-type": "application/json", cookie: cookies[a.user]! }, body: JSON.stringify({ answer: a.raw }) });
      const body = (await res.json()) as { alreadySubmitted?: boolean; result?: { score?: number } };
      if (res.status === 200 && body.alreadySubmitted === true && body.result?.score === scoreOf.get(id)) idempotent += 1;
    }
    checks.push({ name: "re-submitting after the restart returns the stored grade", ok: idempotent === again.length, detail: `${idempotent}/${again.length}` });
    const fresh1 = reserved[0]![0]!;
    const newRes = await fetch(`${server.url}/api/quiz/questions/${fresh1.id}/submit`, { method: "POST", headers: { "content-type": "application/json", cookie: cookies[0]! }, body: JSON.stringify({ answer: fresh1.raw }) });
    const newBody = (await newRes.json()) as { alreadySubmitted?: boolean };
    checks.push({ name: "the restarted server grades new work (old session cookie still valid)", ok: newRes.status === 200 && newBody.alreadySubmitted === false, detail: `HTTP ${newRes.status}` });

    // Two (here eight) tabs submitting the same question at once.
    let racesOk = 0;
    const races = reserved.slice(1, 6).map((list) => list[0]!);
    for (const a of races) {
      const results = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const res = await fetch(`${server.url}/api/quiz/questions/${a.id}/submit`, { method: "POST", headers: { "content-type": "application/json", cookie: cookies[a.user]! }, body: JSON.stringify({ answer: a.raw }) });
          return { status: res.status, body: (await res.json()) as { alreadySubmitted?: boolean; result?: unknown } };
        }),
      );
      const firsts = results.filter((r) => r.status === 200 && r.body.alreadySubmitted === false).length;
      const same = new Set(results.map((r) => JSON.stringify(r.body.result))).size === 1;
      if (firsts === 1 && same && results.every((r) => r.status === 200)) racesOk += 1;
    }
    checks.push({ name: "8 concurrent submissions of one question: graded once, same result for all", ok: racesOk === races.length, detail: `${racesOk}/${races.length} questions` });
    const unexpected = server.output().match(/\[api\] unexpected error/g)?.length ?? 0;
    checks.push({ name: "no unexpected server error after the restart", ok: unexpected === 0, detail: `${unexpected}` });
  } finally {
    await server.stop();
  }
  return { checks, figures };
}

async function main(): Promise<void> {
  ensureBuild();
  let failed = 0;
  for (const kind of requestedKinds()) {
    const { checks, figures } = await withDatabase(kind, "fault_kill", async (fresh) => {
      console.log(`\n=== SIGKILL under a stream of submissions: ${fresh.label} ===`);
      return runOn(fresh);
    });
    for (const f of figures) console.log(`  ${f}`);
    for (const c of checks) {
      if (!c.ok) failed += 1;
      console.log(`  ${c.ok ? "✓" : "✗"} ${c.name} (${c.detail})`);
    }
  }
  console.log(failed ? `\n${failed} check(s) FAILED` : "\nall checks passed");
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
