const { readFileSync } = require("fs");

exports.exportCsv = function exportCsv(req, res) {
  res.type("text/csv").send(readFileSync("/data/export.csv"));
};

exports.exportAll = function exportAll(req, res) {
  const files = ["a.csv", "b.csv"].map((name) => readFileSync(`/data/${name}`, "utf8"));
  res.type("text/csv").send(files.join("\n"));
};
