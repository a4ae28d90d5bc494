const request = require("supertest");
const app = require("../src/server");

it("adds to the cart", async () => {
  await request(app.callback()).post("/api/cart/items").expect(200);
});
