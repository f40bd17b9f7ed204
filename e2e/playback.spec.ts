import { expect, test, type Page } from "@playwright/test";

/**
 * Step-through playback and the lit state diagram (issue #19 items 1 and 2) in a real Chromium,
 * driven by the keyboard only, in the playground and on a lesson page (which has no React).
 * normal-lifecycle starts bind() (call, return), listen() (call, state CLOSED → LISTEN, …), so
 * its 4th step is the listener entering LISTEN (content/scenarios/normal-lifecycle.json).
 */

const playback = (page: Page) => page.getByRole("region", { name: "Step-through playback" }).first();

test.describe("playback", () => {
  test("steps by keyboard in the playground: status, deep link, socket table, lit state and transition", async ({ page }) => {
    await page.goto("/en/sim?preset=normal-lifecycle");
    const pb = playback(page);
    const status = pb.getByRole("status");
    await expect(status).toHaveText("Press Play or → to step through the events.");
    await pb.getByRole("button", { name: "Next →" }).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await expect(status).toHaveText(/^Step 4 of \d+$/);
    await expect(page).toHaveURL(/#step=4$/);
    // The state diagram lights LISTEN and the CLOSED → LISTEN arrow, nothing else.
    await expect(pb.locator("[data-state][data-lit]")).toHaveCount(1);
    await expect(pb.locator('[data-state="LISTEN"][data-lit]')).toHaveCount(1);
    await expect(pb.locator("[data-transition][data-lit]")).toHaveCount(1);
    await expect(pb.locator('[data-transition="CLOSED>LISTEN"][data-lit]')).toHaveCount(1);
    await expect(pb.getByText("Last state change: server/l: CLOSED → LISTEN")).toBeVisible();
    // The listener's queues as ss -lnt shows them: empty, backlog 128 (listen(128) in the preset).
    const listener = pb.getByRole("table", { name: "Sockets at this step" }).getByRole("row", { name: /^server l LISTEN / });
    await expect(listener).toContainText("SYN queue 0 · accept queue 0 (Recv-Q 0, Send-Q 128)");

    // Step on to the first segment: the SYN is the current arrow, later ones are dimmed.
    const diagram = page.getByTestId("sim-result").getByTestId("sequence-diagram");
    for (let i = 0; i < 12; i++) {
      if ((await diagram.locator('[data-kind="segment"][data-current]').count()) > 0) break;
      await page.keyboard.press("ArrowRight");
    }
    await expect(diagram.locator('[data-kind="segment"][data-current]')).toHaveAttribute("data-segment", "1");
    await expect(diagram.locator('[data-kind="segment"][data-future]').first()).toBeAttached();
    await expect(diagram.locator('[data-kind="segment"][data-segment="1"][data-future]')).toHaveCount(0);
    // The SYN was sent from SYN-SENT: the client's transition is the lit one.
    await expect(pb.locator('[data-transition="CLOSED>SYN-SENT"][data-lit]')).toHaveCount(1);
    // tcp_connect() arms the retransmission timer right after sending the SYN (net/ipv4/tcp_output.c):
    // in the trace that is the event after the segment, so it shows within the next steps.
    const sockets = pb.getByRole("table", { name: "Sockets at this step" });
    let extra = 0;
    while (extra < 3 && !(await sockets.textContent())?.includes("SYN retransmission timer")) {
      await page.keyboard.press("ArrowRight");
      extra += 1;
    }
    await expect(sockets).toContainText("SYN retransmission timer");

    // A picture of this step for the README (docs/playback.png is copied from the test output).
    await page.getByTestId("sim-result").screenshot({ path: test.info().outputPath("playback-1280-en.png") });

    // Back to the step before the SYN: no segment is current yet.
    for (let i = 0; i <= extra; i++) await page.keyboard.press("ArrowLeft");
    await expect(diagram.locator('[data-kind="segment"][data-current]')).toHaveCount(0);
  });

  for (const locale of ["en", "zh"] as const) {
    test(`at phone width (390 px, ${locale}) the playground and a lesson with playback do not widen the page`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of [`/${locale}/sim?preset=normal-lifecycle#step=15`, `/${locale}/lessons/three-way-handshake#step=6`]) {
        await page.goto(path);
        await expect(page.locator("[data-playback] [role=status]").first()).toHaveText(/\d/);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
        await page.screenshot({ path: test.info().outputPath(`${path.split("?")[0]!.replace(/[^a-z0-9]+/gi, "-")}-390.png`), fullPage: false });
      }
    });
  }

  test("a #step link opens that step, and space plays on by itself", async ({ page }) => {
    await page.goto("/en/sim?preset=normal-lifecycle#step=4");
    const pb = playback(page);
    await expect(pb.getByRole("status")).toHaveText(/^Step 4 of \d+$/);
    await expect(pb.locator('[data-state="LISTEN"][data-lit]')).toHaveCount(1);
    await pb.getByRole("button", { name: "Next →" }).focus();
    await page.keyboard.press("Tab"); // to "Last step", still inside the playback
    await pb.focus();
    await page.keyboard.press(" ");
    await expect(pb.getByRole("button", { name: "Pause" })).toHaveAttribute("aria-pressed", "true");
    await expect(pb.getByRole("status")).toHaveText(/^Step ([5-9]|\d\d) of \d+$/);
    await page.keyboard.press(" ");
    await expect(pb.getByRole("button", { name: "Play" })).toHaveAttribute("aria-pressed", "false");
  });

  test("works on a lesson page without React, in Chinese", async ({ page }) => {
    await page.goto("/zh/lessons/three-way-handshake");
    const pb = page.getByRole("region", { name: "逐步回放" }).first();
    await pb.getByRole("button", { name: "下一步 →" }).click();
    await expect(pb.getByRole("status")).toHaveText(/^第 1 步，共 \d+ 步$/);
    await page.keyboard.press("End");
    await expect(pb.locator("[data-state][data-lit]")).toHaveCount(1);
    await expect(page).toHaveURL(/#step=\d+$/);
    // The text alternative of the state diagram: every transition as a table row.
    await pb.getByText("以表格显示所有转换").click();
    await expect(pb.getByRole("row").filter({ hasText: "RFC 9293 图 5" }).first()).toBeVisible();
  });
});
