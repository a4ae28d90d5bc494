const express = require("express");
const checkout = require("./routes/checkout");
const catalog = require("./routes/catalog");

const app = express();
app.use(express.json());
app.use("/api", checkout);
app.use("/api/catalog", catalog);

module.exports = app;
