const express = require("express");
const { predict } = require("./ml/predict");
const { weeklyReport } = require("./report");

const app = express();
app.get("/price/:sku", async (req, res) => res.json(await predict(req.params.sku)));
app.get("/report", async (req, res) => res.json(await weeklyReport()));
app.listen(3000);
