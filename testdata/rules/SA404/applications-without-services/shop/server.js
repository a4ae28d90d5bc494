const express = require("express");
const { rate } = require("./rates");

const app = express();
app.get("/rate", async (req, res) => res.json(await rate("EUR", "USD")));
app.listen(8080);
