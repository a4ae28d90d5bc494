const request = require("supertest");
const app = require("../src/app");

function postCheckout(body) {
  return request(app).post("/api/checkout").send(body);
}

module.exports = { postCheckout };
