const { readFileSync } = require("fs");

exports.exportCsv = function exportCsv(req, res) {
  res.type("text/csv").send(readFileSync("/data/export.csv"));
};
