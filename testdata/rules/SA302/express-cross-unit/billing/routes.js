const { Router } = require("express");

const router = Router();

router.post("/subscriptions", async (req, res) => {
  res.status(201).json({ plan: req.body.plan });
});

module.exports = router;
