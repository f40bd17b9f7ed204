import { expect, test } from "@playwright/test";

/** Small fixes of issue #19 item 9 that a browser sees. */
test("the site has a favicon", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  const body = await res.body();
  // ICONDIR header (reserved 0, type 1 = icon), then a PNG image inside.
  expect([...body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  expect(body.subarray(22, 26).toString("latin1")).toBe("\x89PNG");
});
