const { Router } = require("express");

const router = Router();

// GET /payload returns the cached payload; "checkout" appears only in this comment.
router.get("/payload", (req, res) => res.json({ note: "see /api/checkout to pay" }));
router.get("/products", (req, res) => res.json({ sort_order: "asc" }));

module.exports = router;
