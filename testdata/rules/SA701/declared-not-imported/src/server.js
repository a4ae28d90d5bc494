const express = require("express");

// Forecasting moved to the analytics service; the dependency stayed behind.
const app = express();
app.get("/orders", (req, res) => res.json([]));
app.listen(3000);
