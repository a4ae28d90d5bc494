// A local stand-in for the payments API, started by developers only.
const fs = require("fs");
const express = require("express");

const mock = express();
mock.post("/charges", (req, res) => {
  res.json(JSON.parse(fs.readFileSync(__dirname + "/charge.json", "utf8")));
});
mock.listen(4010);
