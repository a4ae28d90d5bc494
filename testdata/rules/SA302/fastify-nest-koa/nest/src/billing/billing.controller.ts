import { Controller, Get, Post, Param } from "@nestjs/common";

@Controller("billing")
export class BillingController {
  @Get("invoices/:id")
  getInvoice(@Param("id") id: string): string {
    return id;
  }

  @Post("subscriptions")
  createSubscription(): string {
    return "sub_1";
  }
}
