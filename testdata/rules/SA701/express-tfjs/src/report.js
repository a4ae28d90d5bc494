const dfd = require("danfojs-node");

async function weeklyReport() {
  const df = await dfd.readCSV("data/sales.csv");
  return dfd.toJSON(df.groupby(["sku"]).sum());
}
module.exports = { weeklyReport };
