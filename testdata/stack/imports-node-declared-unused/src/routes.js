const { helper } = require("@scope/shared/helpers");

module.exports = async function routes(app) {
  app.get("/x", async () => helper());
  const mod = await import("node:crypto");
  return mod;
};
