const { build } = require("../src/app");

test("creates a payment", async () => {
  const app = build();
  const res = await app.inject({ method: "POST", url: "/v1/payments" });
  expect(res.statusCode).toBe(200);
});
