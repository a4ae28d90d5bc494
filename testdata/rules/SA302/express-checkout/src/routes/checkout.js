const { Router } = require("express");
const Stripe = require("stripe");

const stripe = new Stripe(process.env.STRIPE_KEY);
const router = Router();

router.post("/checkout", async (req, res) => {
  const session = await stripe.checkout.sessions.create({ mode: "payment" });
  res.json({ url: session.url });
});

router.post("/orders/:orderId/refund", async (req, res) => {
  await stripe.refunds.create({ payment_intent: req.body.paymentIntent });
  res.sendStatus(204);
});

module.exports = router;
