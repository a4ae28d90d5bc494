const express = require("express");
const app = express();
// stackaudit:ignore
app.get("/", (req, res) => res.send("ok"));
module.exports = app;
