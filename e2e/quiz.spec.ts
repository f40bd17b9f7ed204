import type { Browser, Locator, Page } from "@playwright/test";
import { loadQuestionBank } from "../lib/content/questions";
import { getFamilyModule } from "../lib/scenarios/registry";
import { createTestUser, expect, scaled, signIn, sql, test, type TestUser } from "./fixtures";

/**
 * The quiz loop in a real Chromium (issue #5 "Done when"): an instructor creates a class and an
 * exam, a student joins, takes it with the keyboard where it matters, sees nothing but "recorded"
 * until the exam closes, then sees grade and feedback; the instructor reads the results and
 * downloads the CSV. Along the way: no correct answer in the HTML or any response before
 * submission, a format error costs nothing, and another student cannot open the attempt.
 */

type Row = { id: string; source: string; ref: string; seed: number; params: Envelope; submittedAt: unknown };
type Envelope = {
  kind: "authored" | "family";
  prompt: { inputs: { kind: string; id: string; rows?: { label: { en: string } }[]; items?: { id: string; label: { en: string } }[] }[] };
  question?: { kind: string; answer: unknown; explanation: { en: string; zh: string }; choices?: { id: string; en: string }[] };
  params?: unknown;
  /** Authored choice ids in display order (options are shuffled per variant, lib/quiz/authored-family.ts). */
  order?: string[];
};

/** The letter the student sees for an authored choice id in this variant. */
function shownLetter(row: Row, authoredId: string): string {
  const order = row.params.order ?? [];
  return "abcdefgh"[order.indexOf(authoredId)] ?? authoredId;
}

async function questionRows(userId: string): Promise<Row[]> {
  const rows = await sql(`SELECT "id", "source", "ref", "seed", "params", "submittedAt" FROM "QuestionAttempt" WHERE "userId" = ? ORDER BY "createdAt"`, [userId]);
  return rows.map((r) => ({ ...(r as unknown as Row), params: (typeof r.params === "string" ? JSON.parse(r.params) : r.params) as Envelope }));
}

/** A run of plain words from a text, long enough not to appear by chance. */
function distinctive(text: string): string {
  const runs = text.match(/[A-Za-z][A-Za-z ,]{24,}/g) ?? [];
  return (runs.sort((a, b) => b.length - a.length)[0] ?? text).trim().slice(0, 40);
}

/** Strings that would give an answer away if they reached the browser before submission. */
function secretsOf(row: Row): string[] {
  const p = row.params;
  if (p.kind === "authored" && p.question) return [distinctive(p.question.explanation.en), "correctDisplay"];
  const mod = getFamilyModule(row.ref);
  if (!mod) throw new Error(`family ${row.ref} missing`);
  const built = mod.build(p.params as Parameters<typeof mod.build>[0]);
  return [...(built.secrets ?? []), distinctive(built.explanation.en), "correctDisplay"];
}

function familyAnswer(row: Row): Record<string, unknown> {
  const mod = getFamilyModule(row.ref)!;
  return mod.build(row.params.params as Parameters<typeof mod.build>[0]).answer;
}

const plain = (s: string) => s.replace(/[`*_~]/g, "").replace(/\s+/g, " ").trim();

/** Fills a family question's inputs with the given answer (segments, number and choice inputs). */
async function fillFamily(card: Locator, row: Row, answer: Record<string, unknown>) {
  for (const input of row.params.prompt.inputs) {
    const value = answer[input.id];
    if (input.kind === "segments") {
      const rows = card.locator("form tbody tr");
      for (const [i, seg] of (value as { flags: string[]; seq: number | null; ack: number | null }[]).entries()) {
        const tr = rows.nth(i);
        for (const flag of seg.flags) await tr.getByRole("checkbox", { name: new RegExp(`: ${flag}$`) }).check();
        await tr.getByRole("textbox").nth(0).fill(seg.seq === null ? "" : String(seg.seq));
        await tr.getByRole("textbox").nth(1).fill(seg.ack === null ? "" : String(seg.ack));
      }
    } else if (input.kind === "number") {
      await card.locator(`input[name="${input.id}"]`).fill(value === null ? "" : String(value));
    } else if (input.kind === "choice") {
      await card.locator(`input[name="${input.id}"][value="${String(value)}"]`).check();
    } else {
      throw new Error(`fillFamily: ${input.kind} not handled`);
    }
  }
}

async function newPage(browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

function utcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

test("instructor runs an exam; the student takes it and sees feedback after it closes", async ({ page, browser, instructor, student, baseURL }) => {
  test.setTimeout(scaled(180_000));
  const bank = loadQuestionBank();
  const single = bank.find((q) => q.kind === "single")!;
  const ordering = bank.find((q) => q.kind === "ordering")!;
  let joinCode = "";
  let quizUrl = "";

  await test.step("instructor creates a class", async () => {
    await signIn(page, instructor);
    await page.goto("/en/teach/classes");
    await page.getByLabel("Class name").fill("E2E networking class");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page).toHaveURL(/\/en\/teach\/classes\/[^/]+$/);
    joinCode = (await page.getByTestId("join-code").textContent())!.trim();
    expect(joinCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  await test.step("instructor creates an exam with a scenario family and two bank questions", async () => {
    await page.goto("/en/teach/quizzes/new");
    await page.getByLabel("Title").fill("E2E handshake exam");
    await page.getByRole("radio", { name: /^Exam/ }).check();
    await page.getByLabel("Attempts allowed").fill("1");
    await page.getByLabel("Time limit (minutes)").fill("30");
    await page.getByLabel("Closes (UTC)").fill(utcInput(Date.now() + 2 * 24 * 3_600_000));
    await page.getByRole("button", { name: "Create quiz" }).click();
    await expect(page).toHaveURL(/\/en\/teach\/quizzes\/(?!new$)[^/]+$/);
    quizUrl = new URL(page.url()).pathname;

    await page.locator("#add-family").selectOption("handshake-numbers");
    await page.locator("#add-difficulty").selectOption("1");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Questions (1)" })).toBeVisible();
    await page.getByRole("button", { name: `Add: ${single.id}` }).click();
    await expect(page.getByRole("heading", { name: "Questions (2)" })).toBeVisible();
    await page.getByRole("button", { name: `Add: ${ordering.id}` }).click();
    await expect(page.getByRole("heading", { name: "Questions (3)" })).toBeVisible();

    await page.getByRole("button", { name: "Self-test" }).first().click();
    await expect(page.getByText(/Passed: 200 variants checked/)).toBeVisible({ timeout: scaled(30_000) });

    await page.getByLabel("Due date for E2E networking class (UTC, optional)").fill(utcInput(Date.now() + 24 * 3_600_000));
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByText("Published.", { exact: true })).toBeVisible();
  });

  const studentPage = await newPage(browser, student);
  const seen: string[] = [];
  let attemptUrl = "";
  let rows: Row[] = [];

  await test.step("student joins with the code and starts the exam", async () => {
    await studentPage.goto("/en/classes");
    await studentPage.getByLabel("Join code").fill(joinCode.toLowerCase());
    await studentPage.getByRole("button", { name: "Join", exact: true }).click();
    await expect(studentPage).toHaveURL(/\/en\/classes\/[^/]+$/);
    await studentPage.getByRole("link", { name: "E2E handshake exam" }).click();
    await expect(studentPage.getByRole("heading", { name: "E2E handshake exam" })).toBeVisible();
    studentPage.on("response", async (res) => {
      if (!res.url().startsWith(baseURL!)) return;
      try {
        seen.push(await res.text());
      } catch {
        // Redirects and aborted requests have no body.
      }
    });
    await studentPage.getByRole("button", { name: "Start the quiz" }).click();
    await expect(studentPage).toHaveURL(/\/attempts\/[^/]+$/);
    await expect(studentPage.getByText("0 of 3 answered")).toBeVisible();
    attemptUrl = new URL(studentPage.url()).pathname;
    rows = await questionRows(student.id);
    expect(rows).toHaveLength(3);
  });

  await test.step("no correct answer is in the page or any response before submission", async () => {
    seen.push(await studentPage.content());
    const everything = seen.join("\n");
    for (const row of rows) {
      for (const secret of secretsOf(row)) expect(everything, `${row.ref} leaks ${secret}`).not.toContain(secret);
    }
  });

  await test.step("a format error is refused and costs nothing", async () => {
    const familyRow = rows.find((r) => r.source === "family")!;
    const card = studentPage.locator(`[data-question-attempt="${familyRow.id}"]`);
    await card.locator("form tbody tr").first().getByRole("textbox").first().fill("abc");
    await card.getByRole("button", { name: "Submit answer" }).click();
    await expect(card.getByText(/seq must be a number/)).toBeVisible();
    const [fresh] = (await questionRows(student.id)).filter((r) => r.id === familyRow.id);
    expect(fresh?.submittedAt).toBeNull();
  });

  await test.step("student answers every question, ordering with the keyboard only", async () => {
    for (const row of rows) {
      const card = studentPage.locator(`[data-question-attempt="${row.id}"]`);
      if (row.source === "family") {
        await fillFamily(card, row, familyAnswer(row));
      } else if (row.params.question?.kind === "single") {
        await card.locator(`input[type="radio"][value="${shownLetter(row, String(row.params.question.answer))}"]`).check();
      } else {
        const q = row.params.question!;
        const target = (q.answer as string[]).map((id) => shownLetter(row, id));
        const items = row.params.prompt.inputs[0]!.items!;
        const text = (id: string) => plain(items.find((c) => c.id === id)!.label.en);
        for (let i = 0; i < target.length; i += 1) {
          const current = await card.locator("li[data-item-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-item-id")));
          for (let j = current.indexOf(target[i]!); j > i; j -= 1) {
            await card.getByRole("button", { name: `Move ${text(target[i]!)} up` }).focus();
            await studentPage.keyboard.press("Enter");
          }
        }
        await expect(card.locator("li[data-item-id]")).toHaveCount(target.length);
        expect(await card.locator("li[data-item-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-item-id")))).toEqual(target);
      }
      await card.getByRole("button", { name: "Submit answer" }).focus();
      await studentPage.keyboard.press("Enter");
      await expect(card.getByText(/Answer recorded/)).toBeVisible();
    }
    await expect(studentPage.getByText("3 of 3 answered")).toBeVisible();
  });

  await test.step("before the exam closes, even the JSON API returns no result", async () => {
    const res = await studentPage.request.post(`/api/quiz/questions/${rows[0]!.id}/submit`, { data: { answer: { answer: "a" }, score: 1 } });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "graded", alreadySubmitted: true, result: null });
    studentPage.once("dialog", (d) => void d.accept());
    await studentPage.getByRole("button", { name: "Finish and submit the attempt" }).click();
    await expect(studentPage.getByText(/Scores and feedback are shown after the exam closes/)).toBeVisible();
    await expect(studentPage.getByText("Correct answer:")).toHaveCount(0);
  });

  await test.step("another student cannot open the attempt or answer its questions", async () => {
    const other = await createTestUser(baseURL!, "STUDENT", "Other Olga");
    const otherPage = await newPage(browser, other);
    await otherPage.goto(attemptUrl);
    await expect(otherPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const res = await otherPage.request.post(`/api/quiz/questions/${rows[0]!.id}/submit`, { data: { answer: { answer: "a" } } });
    expect(res.status()).toBe(404);
    await otherPage.context().close();
  });

  await test.step("instructor closes the exam; the student sees grade and feedback", async () => {
    await page.goto(quizUrl);
    await page.getByLabel("Closes (UTC)").fill(utcInput(Date.now() - 60_000));
    await page.getByRole("button", { name: "Save", exact: true }).first().click();
    await expect(page.getByText("Saved.", { exact: true }).first()).toBeVisible();
    await studentPage.goto(attemptUrl);
    await expect(studentPage.getByText("Score: 100%")).toBeVisible();
    await expect(studentPage.getByText("Correct answer:").first()).toBeVisible();
    await expect(studentPage.getByRole("heading", { name: "Explanation" })).toHaveCount(3);
  });

  await test.step("instructor sees the result and exports the grades as CSV", async () => {
    await page.goto(`${quizUrl}/results`);
    await expect(page.getByRole("cell", { name: student.email })).toBeVisible();
    await expect(page.getByRole("cell", { name: "100%" }).first()).toBeVisible();
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export grades (CSV)" }).click();
    const download = await downloading;
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Name,Email,Attempts,Best score (%),Last submitted (UTC),Q1 (%),Q2 (%),Q3 (%)");
    expect(csv).toContain(`${student.name},${student.email},1,100.00,`);
  });
  await studentPage.context().close();
});

test("practice: a family question deep link, a format error, feedback, next variant", async ({ page, student }) => {
  await signIn(page, student);
  await page.goto("/en/practice/handshake-numbers");
  await expect(page).toHaveURL(/\/en\/practice\/handshake-numbers\?v=/);
  const first = new URL(page.url()).searchParams.get("v")!;
  const [row] = (await questionRows(student.id)).filter((r) => r.id === first);
  const card = page.locator(`[data-question-attempt="${first}"]`);
  await card.locator("form tbody tr").first().getByRole("textbox").first().fill("x+1");
  await card.getByRole("button", { name: "Check answer" }).click();
  await expect(card.getByText(/must be a number/)).toBeVisible();
  await fillFamily(card, row!, familyAnswer(row!));
  await card.getByRole("button", { name: "Check answer" }).click();
  await expect(card.getByText("Correct.", { exact: true }).first()).toBeVisible();
  await expect(card.getByText("Score 100%")).toBeVisible();
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page).not.toHaveURL(new RegExp(`v=${first}`));
  await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
  // A wrong answer shows where it departs from the simulation, with the diagram.
  const v2 = new URL(page.url()).searchParams.get("v")!;
  const [row2] = (await questionRows(student.id)).filter((r) => r.id === v2);
  const mod = getFamilyModule("handshake-numbers")!;
  const wrong = mod.wrongAnswers(row2!.params.params as never, familyAnswer(row2!) as never, row2!.seed)[0]!;
  const card2 = page.locator(`[data-question-attempt="${v2}"]`);
  await fillFamily(card2, row2!, wrong);
  await card2.getByRole("button", { name: "Check answer" }).click();
  await expect(card2.getByText(/Where your answer departs from the simulation/)).toBeVisible();
  // The feedback holds the run's sequence diagram (beside the playback's state diagram).
  await expect(card2.getByRole("region", { name: "Feedback" }).getByTestId("sequence-diagram")).toBeVisible();
});

test("practice: a reload comes from memory, shows the answer once graded, and stops at sign-out (issue #16)", async ({ page, request, student }) => {
  await signIn(page, student);
  await page.goto("/en/practice/handshake-numbers");
  await expect(page).toHaveURL(/\/en\/practice\/handshake-numbers\?v=/);
  const url = page.url();
  const id = new URL(url).searchParams.get("v")!;
  /** Loads the page (the browser context's cookies) until the server says it came from memory; its body. */
  const cachedBody = async (): Promise<string> => {
    const seen: string[] = [];
    // Each of the server's worker processes renders a variant once: a hit within a few loads.
    for (let i = 0; i < 6; i += 1) {
      const res = await page.request.get(url, { maxRedirects: 0 });
      expect(res.status()).toBe(200);
      seen.push(res.headers()["x-cache"] ?? "none");
      if (res.headers()["x-cache"] === "HIT") return res.text();
    }
    throw new Error(`no cached answer in ${seen.join(", ")}`);
  };
  const open = await cachedBody();
  expect(open).toContain(`data-question-attempt="${id}"`);
  expect(open).toContain("Check answer");
  const [row] = (await questionRows(student.id)).filter((r) => r.id === id);
  const card = page.locator(`[data-question-attempt="${id}"]`);
  await fillFamily(card, row!, familyAnswer(row!));
  await card.getByRole("button", { name: "Check answer" }).click();
  await expect(card.getByText("Score 100%")).toBeVisible();
  // Graded: the reload shows the feedback, never the unanswered page kept before.
  await page.reload();
  await expect(card.getByText("Score 100%")).toBeVisible();
  await expect(card.getByRole("button", { name: "Check answer" })).toHaveCount(0);
  expect(await cachedBody()).toContain("Score 100%");
  // Signed out, every session of the user ends (issue #14): the old cookie, sent again, gets the
  // sign-in redirect, never the page kept in memory.
  const old = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/en\/signin/);
  for (let i = 0; i < 3; i += 1) {
    const after = await request.get(url, { headers: { cookie: old }, maxRedirects: 0 });
    expect(after.status()).toBe(307);
    expect(after.headers()["location"]).toContain("/en/signin");
  }
});

test("practice and classes pages are localized in Chinese", async ({ page, student }) => {
  await signIn(page, student, "zh");
  await page.goto("/zh/practice");
  await expect(page.getByRole("heading", { name: "练习", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "场景题型" })).toBeVisible();
  await page.goto("/zh/classes");
  await page.getByLabel("邀请码").fill("ACDE-FGHJ");
  await page.getByRole("button", { name: "加入", exact: true }).click();
  await expect(page.getByText("没有班级使用这个邀请码，请向老师核对。")).toBeVisible();
});

test("students cannot reach the instructor area", async ({ page, student }) => {
  await signIn(page, student);
  await page.goto("/en/teach/quizzes");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});

test("instructor writes a question, exports it as GIFT, and another instructor imports it", async ({ page, browser, instructor, baseURL }) => {
  await signIn(page, instructor);
  await page.goto("/en/teach/questions/new");
  await page.getByLabel("Id").fill("tw-linux-seconds");
  await page.getByLabel("Kind").selectOption("numeric");
  await page.getByLabel("Topic").selectOption("time-wait");
  await page.getByLabel("Question text (markdown) (English)").fill("How many seconds does a socket stay in `TIME_WAIT` on Linux?");
  await page.getByLabel("Question text (markdown) (Chinese)").fill("Linux 上套接字在 `TIME_WAIT` 状态停留多少秒？");
  await page.getByLabel("Correct value").fill("60");
  await page.getByLabel("Unit (English)").fill("seconds");
  await page.getByLabel("Unit (Chinese)").fill("秒");
  await page.getByLabel("Explanation (markdown) (English)").fill("TCP_TIMEWAIT_LEN is 60 s in include/net/tcp.h.");
  await page.getByLabel("Explanation (markdown) (Chinese)").fill("include/net/tcp.h 中 TCP_TIMEWAIT_LEN 为 60 秒。");
  await page.getByRole("button", { name: "Create question" }).click();
  await expect(page).toHaveURL(/\/en\/teach\/questions\/(?!new$)[^/]+$/);
  await expect(page.getByLabel("Id")).toHaveValue("tw-linux-seconds");

  const gift = async (locale: "en" | "zh") => {
    const res = await page.request.get(`/api/quiz/questions/gift?locale=${locale}`);
    expect(res.status()).toBe(200);
    return res.text();
  };
  const [en, zh] = [await gift("en"), await gift("zh")];
  expect(en).toContain("::tw-linux-seconds::");
  expect(en).toContain("{\n#60:0\n");
  expect(zh).toContain("停留多少秒");

  const other = await createTestUser(baseURL!, "INSTRUCTOR", "Instructor Ivo");
  const otherPage = await newPage(browser, other);
  await otherPage.goto("/en/teach/questions");
  await otherPage.getByLabel("…or paste GIFT text").first().fill(en);
  await otherPage.getByText("Add the other language (optional)").click();
  await otherPage.getByLabel("…or paste GIFT text").nth(1).fill(zh);
  await otherPage.getByRole("button", { name: "Import", exact: true }).click();
  await expect(otherPage.getByText("Imported: 1 new, 0 replaced.")).toBeVisible();
  await otherPage.reload();
  await otherPage.getByRole("link", { name: "tw-linux-seconds" }).click();
  await expect(otherPage.getByLabel("Question text (markdown) (Chinese)")).toHaveValue("Linux 上套接字在 `TIME_WAIT` 状态停留多少秒？");
  await expect(otherPage.getByLabel("Unit (Chinese)")).toHaveValue("秒");
  await otherPage.context().close();
});
