const fs = require("fs");
const express = require("express");
const { Queue } = require("bullmq");

const reports = new Queue("reports");
const app = express();

app.post("/reports", async (req, res) => {
  const job = await reports.add("render", req.body);
  res.status(202).json({ id: job.id });
});

app.get("/reports/:id", (req, res) => {
  res.send(fs.readFileSync(`/data/reports/${req.params.id}.pdf`));
});

app.listen(3000);
