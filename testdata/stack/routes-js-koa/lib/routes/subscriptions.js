const Router = require('@koa/router');
const plans = require('../plans');

const router = new Router();

router.get('/', plans.list);
router.post('create-subscription', '/', plans.create);
router.del('/:id', async (ctx) => {
  ctx.status = 204;
});

module.exports = router;
