const fastify = require("fastify");
const payments = require("./payments");

function build() {
  const app = fastify();
  app.register(payments, { prefix: "/v1" });
  return app;
}

module.exports = { build };
