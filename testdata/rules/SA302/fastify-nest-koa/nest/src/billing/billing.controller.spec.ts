import { BillingController } from "./billing.controller";

describe("BillingController", () => {
  it("returns an invoice", () => {
    expect(new BillingController().getInvoice("7")).toBe("7");
  });
});
