module.exports = function pay(req, res) { res.json({ ok: true }); };
