const Koa = require("koa");
const Router = require("@koa/router");

const app = new Koa();
const router = new Router({ prefix: "/api" });

router.post("/cart/items", async (ctx) => {
  ctx.body = { ok: true };
});
router.post("/signup", async (ctx) => {
  ctx.body = { ok: true };
});

app.use(router.routes());
module.exports = app;
