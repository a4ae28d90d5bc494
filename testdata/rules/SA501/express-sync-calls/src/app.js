const fs = require("fs");
const zlib = require("zlib");
const { execSync } = require("child_process");
const bcrypt = require("bcrypt");
const PDFDocument = require("pdfkit");
const express = require("express");
const { exportCsv, exportAll } = require("./export");

// Read once at start-up: fine.
const config = JSON.parse(fs.readFileSync("./config.json", "utf8"));

const app = express();
app.use(express.json());

function gitVersion() {
  return execSync("git rev-parse HEAD").toString().trim();
}

app.post("/signup", async (req, res) => {
  const hash = bcrypt.hashSync(req.body.password, 12);
  res.json({ ok: true, hash: hash.length });
});

app.get("/version", (req, res) => {
  res.send(gitVersion());
});

app.get("/invoices/:id.pdf", (req, res) => {
  const doc = new PDFDocument();
  doc.pipe(res);
  doc.text(`Invoice ${req.params.id}`);
  doc.end();
});

app.get("/logs", (req, res) => {
  const body = zlib.gzipSync(fs.readFileSync(config.logFile));
  res.set("Content-Encoding", "gzip").send(body);
});

app.get("/export", exportCsv);
app.get("/export/all", exportAll);

app.listen(3000);
