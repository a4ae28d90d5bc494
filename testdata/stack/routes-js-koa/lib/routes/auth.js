const Router = require('koa-router');

const router = new Router();
router.prefix('/auth');
router.post('/login', login);

async function login(ctx) {
  ctx.body = { token: 't' };
}

module.exports = router;
