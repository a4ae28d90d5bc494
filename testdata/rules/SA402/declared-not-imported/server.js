// koa was tried once and is still declared, but nothing imports it.
const express = require("express");

const app = express();
app.get("/health", (req, res) => res.json({ ok: true }));
app.listen(3000);
