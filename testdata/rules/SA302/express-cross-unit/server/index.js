const express = require("express");
const billing = require("../billing/routes");

const app = express();
app.use(express.json());
app.use("/api/billing", billing);

app.listen(process.env.PORT || 3000);
