import { expect, test } from "@playwright/test";

test("opens the billing portal", async ({ request }) => {
  const res = await request.post("/api/billing/portal");
  expect(res.ok()).toBeTruthy();
});
