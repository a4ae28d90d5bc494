const express = require('express');
const controller = require('../controllers/billing');
const { requireUser } = require('../auth');

const router = express.Router();

router.post('/checkout', requireUser, controller.checkout);
router
  .route('/subscriptions/:id')
  .get(controller.showSubscription)
  .delete(requireUser, controller.cancelSubscription);
router.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async function stripeWebhook(req, res) {
  res.sendStatus(200);
});

module.exports = router;
