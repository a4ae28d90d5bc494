const fs = require("fs");
const bcrypt = require("bcrypt");
const express = require("express");

// Read once at start-up, before any request: fine.
const config = JSON.parse(fs.readFileSync("./config.json", "utf8"));
const banner = fs.readFileSync("./banner.txt", "utf8");

const app = express();

app.post("/signup", async (req, res) => {
  const hash = await bcrypt.hash(req.body.password, 12);
  const terms = await fs.promises.readFile(config.termsFile, "utf8");
  // bcrypt.hashSync would block here
  res.json({ ok: true, hash: hash.length, terms: terms.length, banner });
});

app.listen(3000);
