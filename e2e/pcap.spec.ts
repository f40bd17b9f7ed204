import { execFileSync } from "node:child_process";
import { expect, test, type Download } from "@playwright/test";

/**
 * "Download .pcap" (issue #19 item 3) in a real Chromium: the file a learner downloads opens in
 * Wireshark's own decoder (tshark) with the segments the page drew.
 */

type Frame = { flags: number; seq: number; ack: number; len: number; src: string; dst: string };

/** The downloaded capture decoded by tshark with checksum checks on. */
async function decode(download: Download): Promise<Frame[]> {
  const file = await download.path();
  const out = execFileSync(
    "tshark",
    ["-r", file, "-n", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-T", "fields", "-E", "separator=,",
      "-e", "tcp.flags", "-e", "tcp.seq_raw", "-e", "tcp.ack_raw", "-e", "tcp.len", "-e", "ip.src", "-e", "ip.dst", "-e", "tcp.checksum.status", "-e", "ip.checksum.status"],
    { encoding: "utf8" },
  );
  return out.trim().split("\n").map((line) => {
    const [flags, seq, ack, len, src, dst, tcpSum, ipSum] = line.split(",");
    expect(tcpSum, "TCP checksum good").toBe("1");
    expect(ipSum, "IP checksum good").toBe("1");
    return { flags: Number(flags), seq: Number(seq), ack: Number(ack), len: Number(len), src: src ?? "", dst: dst ?? "" };
  });
}

const SYN = 0x02, ACK = 0x10, RST = 0x04;

test.describe("pcap download", () => {
  test("the playground's run downloads as a pcap that tshark decodes to the drawn segments", async ({ page }) => {
    await page.goto("/en/sim?preset=connect-refused");
    const result = page.getByTestId("sim-result");
    // kernel-fact 05-connect-closed-port: [SYN] seq=x, answered by [RST,ACK] seq=0 ack=x+1.
    await expect(result.getByTestId("sequence-diagram").getByText("[RST,ACK] seq=0 ack=x+1", { exact: true })).toBeVisible();
    const link = result.getByRole("link", { name: "Download the segments as .pcap (Wireshark, tcpdump)" });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("connect-refused.pcap");
    const [syn, rst, ...rest] = await decode(download);
    expect(rest).toHaveLength(0);
    expect(syn?.flags).toBe(SYN);
    expect(rst?.flags).toBe(RST | ACK);
    expect(rst?.seq).toBe(0);
    expect(rst?.ack).toBe(((syn?.seq ?? -2) + 1) >>> 0);
    expect([syn?.src, syn?.dst]).toEqual([rst?.dst, rst?.src]);
  });

  test("an edited scenario downloads what was run (share-link query), in Chinese too", async ({ page }) => {
    await page.goto("/zh/sim?preset=normal-lifecycle");
    await page.getByRole("button", { name: "添加故障" }).click();
    await page.getByRole("button", { name: "运行模拟" }).click();
    await expect(page).toHaveURL(/\/zh\/sim\?s=/);
    const link = page.getByTestId("sim-result").getByRole("link", { name: "下载报文段 .pcap 文件（Wireshark、tcpdump 可打开）" });
    await expect(link).toHaveAttribute("href", /^\/api\/simulate\/pcap\?s=/);
    const drawn = await page.getByTestId("sim-result").getByTestId("sequence-diagram").locator('[data-kind="segment"]').count();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const frames = await decode(download);
    // Every drawn segment is a frame, dropped ones included (they were sent).
    expect(frames.length).toBe(drawn);
    expect(frames[0]?.flags).toBe(SYN);
  });

  test("a lesson's diagram links its pcap without any page script", async ({ page }) => {
    await page.goto("/en/lessons/three-way-handshake");
    const figure = page.locator("figure[data-preset]").first();
    const preset = await figure.getAttribute("data-preset");
    const link = figure.getByRole("link", { name: "Download the segments as .pcap (Wireshark, tcpdump)" });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`${preset}.pcap`);
    const frames = await decode(download);
    expect(frames.length).toBe(await figure.getByTestId("sequence-diagram").locator('[data-kind="segment"]').count());
  });
});
