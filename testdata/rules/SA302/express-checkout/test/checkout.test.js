const { postCheckout } = require("./helpers");

test("checkout returns a session URL", async () => {
  const res = await postCheckout({ items: [] });
  expect(res.status).toBe(200);
});
