import type { Page } from "@playwright/test";
import { WORST_SCENARIO } from "../bench/lib/hostile";
import { expect, test } from "./fixtures";

/**
 * The simulator playground in a real Chromium: the server-drawn diagram, picking presets,
 * faults, sharing by URL, the Chinese page, and the API's answers to bad input.
 */

const diagram = (page: Page) => page.getByTestId("sim-result").getByTestId("sequence-diagram");

/** The visible text of the diagram (labels, states, calls), to compare two runs. */
async function diagramText(page: Page): Promise<string> {
  return (await diagram(page).textContent()) ?? "";
}

test.describe("simulator playground", () => {
  test("should show the default scenario's diagram in the first HTML", async ({ page }) => {
    await page.goto("/en/sim");
    await expect(page.getByRole("heading", { level: 1, name: "TCP simulator playground" })).toBeVisible();
    const svg = diagram(page);
    await expect(svg).toBeVisible();
    // The handshake labels in the kernel-fact notation (kernel-fact 01-handshake-ipv4).
    await expect(svg.getByText("[SYN] seq=x", { exact: true })).toBeVisible();
    await expect(svg.getByText("[SYN,ACK] seq=y ack=x+1", { exact: true })).toBeVisible();
    await expect(svg.getByText("[ACK] seq=x+1 ack=y+1", { exact: true })).toBeVisible();
    await expect(page.getByRole("img", { name: /Normal connection lifecycle/ })).toBeVisible();
    // The `ss`-like table of sockets left at the end.
    await expect(page.getByTestId("final-sockets")).toContainText("State");
  });

  test("should draw a chosen preset and list its events in the table", async ({ page }) => {
    await page.goto("/en/sim");
    await page.getByLabel("Scenario", { exact: true }).selectOption("connect-refused");
    await expect(page.getByRole("status").filter({ hasText: /events, \d+ segments/ })).toBeVisible();
    // kernel-fact 05-connect-closed-port: [SYN] seq=x answered by [RST,ACK] seq=0 ack=x+1.
    await expect(diagram(page).getByText("[RST,ACK] seq=0 ack=x+1", { exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\/en\/sim\?preset=connect-refused$/);
    await page.getByTestId("sim-result").getByText("Show the events as a table").click();
    const table = page.getByRole("table", { name: /Events of/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole("cell", { name: /ECONNREFUSED/ }).first()).toBeVisible();
  });

  test("should run with a drop fault, mark the dropped segment, and reproduce it from the share link", async ({ page, context }) => {
    await test.step("add a fault that drops the first SYN and run", async () => {
      await page.goto("/en/sim?preset=normal-lifecycle");
      await expect(page.getByText("No faults: every segment arrives.")).toBeVisible();
      await page.getByRole("button", { name: "Add a fault" }).click();
      const fault = page.getByRole("listitem", { name: "Fault 1" });
      await expect(fault.getByLabel("Action")).toHaveValue("drop");
      await expect(fault.getByRole("checkbox", { name: "SYN" })).toBeChecked();
      await fault.getByLabel("Sent by").selectOption("client");
      await page.getByRole("button", { name: "Run simulation" }).click();
      await expect(page.getByRole("status").filter({ hasText: /events, \d+ segments/ })).toBeVisible();
    });

    let shared = "";
    let firstRun = "";
    await test.step("the lost SYN is drawn as dropped and the retransmission follows", async () => {
      const dropped = diagram(page).locator('[data-kind="segment"][data-fate="dropped"]');
      await expect(dropped).toHaveCount(1);
      await expect(diagram(page).getByText("lost (fault)")).toBeVisible();
      await expect(diagram(page).getByText(/retransmission/).first()).toBeVisible();
      firstRun = await diagramText(page);
      shared = await page.getByLabel("Link to this run").inputValue();
      expect(shared).toMatch(/\/en\/sim\?s=[A-Za-z0-9_-]+$/);
      await expect(page).toHaveURL(shared);
    });

    await test.step("copying the link says so", async () => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      await page.getByRole("button", { name: "Copy link" }).click();
      await expect(page.getByText(/Link copied\.|Could not copy/)).toBeVisible();
    });

    await test.step("opening the shared link shows the same run", async () => {
      const other = await context.newPage();
      await other.goto(shared);
      await expect(diagram(other)).toBeVisible();
      await expect(diagram(other).locator('[data-kind="segment"][data-fate="dropped"]')).toHaveCount(1);
      expect(await diagramText(other)).toBe(firstRun);
      await expect(other.getByLabel("Scenario (JSON)")).toHaveValue(/"faults"/);
      await other.close();
    });
  });

  test("should be operable with the keyboard alone", async ({ page }) => {
    await page.goto("/en/sim?preset=normal-lifecycle");
    await page.getByRole("button", { name: "Add a fault" }).focus();
    await page.keyboard.press("Enter");
    const fault = page.getByRole("listitem", { name: "Fault 1" });
    await expect(fault).toBeVisible();
    // Tab moves from the action select to the sender select, in reading order.
    await fault.getByLabel("Action").focus();
    await page.keyboard.press("Tab");
    await expect(fault.getByLabel("Sent by")).toBeFocused();
    await page.getByRole("button", { name: "Run simulation" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: /events, \d+ segments/ })).toBeVisible();
    await expect(diagram(page).locator('[data-kind="segment"][data-fate="dropped"]').first()).toBeVisible();
    await fault.getByRole("button", { name: "Remove fault 1" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("No faults: every segment arrives.")).toBeVisible();
  });

  test("should build a sysctl script step through the form and run it (issue #17)", async ({ page }) => {
    // connect-timeout: a connect() to an address nobody owns, SYNs at 0, 1, 2, 3, … s on Linux's
    // defaults (tcp_syn_retries=6). Lowering tcp_syn_retries to 1 while it waits makes the next
    // SYN timeout give up: tcp_write_timeout() reads the knob at every timeout (lib/tcp/calls.ts).
    await page.goto("/en/sim?preset=connect-timeout");
    await page.getByRole("button", { name: "Add a sysctl step" }).focus();
    await page.keyboard.press("Enter");
    const step = page.getByRole("listitem", { name: "sysctl step 2" });
    await expect(step).toBeVisible();
    await step.getByLabel("Host").selectOption("client");
    await step.getByLabel("Knob").selectOption("tcp_syn_retries");
    await step.getByLabel("Value").fill("1");
    await step.getByLabel("At (ms)").fill("2500");
    // The form wrote the step into the scenario (the JSON editor was never touched).
    const json = page.getByLabel("Scenario (JSON)");
    await expect(json).toHaveValue(/"call": "sysctl"/);
    await expect(json).toHaveValue(/"key": "tcp_syn_retries"/);
    await page.getByRole("button", { name: "Run simulation" }).click();
    // Three SYNs (the first and two retransmissions) instead of the preset's eleven.
    await expect(page.getByRole("status").filter({ hasText: /events, 3 segments/ })).toBeVisible();
    await page.getByTestId("sim-result").getByText("Show the events as a table").click();
    const table = page.getByRole("table", { name: /Events of/ });
    await expect(table.getByRole("cell", { name: /sysctl/ }).first()).toBeVisible();
    await expect(table.getByRole("cell", { name: /ETIMEDOUT/ }).first()).toBeVisible();
  });

  test("should explain invalid JSON and keep Run disabled until it is fixed", async ({ page }) => {
    await page.goto("/en/sim");
    const editor = page.getByLabel("Scenario (JSON)");
    await editor.fill('{ "hosts": [ }');
    await expect(page.getByText(/Not valid JSON/)).toBeVisible();
    await expect(editor).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("button", { name: "Run simulation" })).toBeDisabled();
    await editor.fill('{ "hosts": [] }');
    await expect(page.getByText("Fix these before running:")).toBeVisible();
    await expect(page.getByRole("button", { name: "Run simulation" })).toBeDisabled();
  });

  test("should be localized in Chinese", async ({ page }) => {
    await page.goto("/zh/sim");
    await expect(page.getByRole("heading", { level: 1, name: "TCP 模拟器" })).toBeVisible();
    await expect(page.getByLabel("场景", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "运行模拟" })).toBeVisible();
    await expect(page.getByRole("img", { name: /一次完整的连接生命周期/ })).toBeVisible();
    await expect(diagram(page).locator("desc")).toContainText("时序图");
    await expect(page.getByText("以表格形式查看事件").first()).toBeVisible();
  });

  test("should leave a share link's run past 600 events to the browser: a notice first, the diagram after Run (issue #14)", async ({ page }) => {
    const link = `/en/sim?s=${Buffer.from(JSON.stringify(WORST_SCENARIO)).toString("base64url")}`;
    const html = await (await page.request.get(link)).text();
    expect(html).toContain("too many to draw while the page loads");
    await page.goto(link);
    await expect(page.getByText("This shared scenario runs past 600 events")).toBeVisible();
    await expect(diagram(page)).toHaveCount(0);
    await page.getByRole("button", { name: "Run simulation" }).click();
    await expect(diagram(page)).toBeVisible();
  });

  test("should warn about a damaged share link and fall back to the default scenario", async ({ page }) => {
    await page.goto("/en/sim?s=not*base64");
    await expect(page.getByText("The shared link is damaged")).toBeVisible();
    await expect(diagram(page)).toBeVisible();
  });
});

test.describe("simulator playground without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("should already contain the diagram and the event table in the server's HTML", async ({ page }) => {
    await page.goto("/en/sim?preset=handshake-lost-syn");
    await expect(diagram(page).getByText("[SYN] seq=x", { exact: true }).first()).toBeVisible();
    await expect(diagram(page).locator('[data-kind="segment"][data-fate="dropped"]')).toHaveCount(1);
    // inside the closed <details>, hence hidden from the accessibility tree until opened
    await expect(page.getByRole("table", { name: /Events of/, includeHidden: true })).toBeAttached();
  });
});

test.describe("simulator playground on a phone", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test("should keep the diagram legible by scrolling it sideways instead of shrinking it", async ({ page }) => {
    await page.goto("/en/sim");
    const svg = diagram(page);
    await expect(svg).toBeVisible();
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(600);
    const region = page.getByTestId("sim-result").getByRole("region").first();
    const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(scrolls).toBe(true);
    // the page itself does not scroll sideways: only the diagram's region does
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  });
});

test.describe("POST /api/simulate", () => {
  const scenario = {
    hosts: [
      { name: "client", ip: "10.0.0.1" },
      { name: "server", ip: "10.0.0.2" },
    ],
    script: [{ at: 0, host: "client", sock: "c", call: "connect", to: "server:80" }],
  };

  test("should return the trace of a valid scenario, as JSON or text", async ({ request }) => {
    const res = await request.post("/api/simulate", { data: scenario });
    expect(res.status()).toBe(200);
    const trace = (await res.json()) as { events: { kind: string; flags?: string[] }[] };
    // No listener on port 80: a SYN answered by RST,ACK (kernel-fact 05-connect-closed-port).
    const flags = trace.events.filter((e) => e.kind === "segment").map((e) => e.flags?.join(","));
    expect(flags.slice(0, 2)).toEqual(["SYN", "RST,ACK"]);
    const text = await request.post("/api/simulate?format=text", { data: scenario });
    expect(text.status()).toBe(200);
    expect(text.headers()["content-type"]).toContain("text/plain");
  });

  test("should answer bad input with 400/413/415 and a message", async ({ request }) => {
    // A Buffer is sent as is (a string would be JSON-encoded into a valid JSON string).
    const malformed = await request.post("/api/simulate", { data: Buffer.from("{ nope"), headers: { "content-type": "application/json" } });
    expect(malformed.status()).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toBe("The request body is not valid JSON.");

    const invalid = await request.post("/api/simulate", { data: { hosts: [], script: "x" } });
    expect(invalid.status()).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("invalidInput");
    expect(body.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["hosts", "script"]));

    const big = await request.post("/api/simulate", { data: Buffer.from(JSON.stringify({ ...scenario, pad: "x".repeat(70_000) })), headers: { "content-type": "application/json" } });
    expect(big.status()).toBe(413);

    const wrongType = await request.post("/api/simulate", { data: Buffer.from(JSON.stringify(scenario)), headers: { "content-type": "text/plain" } });
    expect(wrongType.status()).toBe(415);

    const zh = await request.post("/api/simulate", { data: { hosts: [] }, headers: { "accept-language": "zh-CN" } });
    expect(zh.status()).toBe(400);
    expect(((await zh.json()) as { error: { message: string } }).error.message).toBe("场景无效，请查看各字段的问题说明。");
  });
});
