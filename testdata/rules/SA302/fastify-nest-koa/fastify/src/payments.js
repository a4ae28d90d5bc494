async function payments(app) {
  app.post("/payments", async () => ({ id: "pay_1" }));
  app.post("/payments/:id/refund", async () => ({ ok: true }));
  app.get("/health", async () => ({ payload: "ok" }));
}

module.exports = payments;
