import { Body, Controller, Delete, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { BillingService } from './billing.service';

@Controller('billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Post('checkout')
  @UseGuards()
  async checkout(@Body() dto: { plan: string }) {
    return this.billing.checkout(dto.plan);
  }

  @Get()
  list(@Query('page') page: string) {
    return this.billing.list(page);
  }

  @Delete('subscriptions/:id')
  cancel(@Param('id') id: string) {
    return this.billing.cancel(id);
  }

  // A helper with no route decorator is not a route.
  private audit() {
    return 'Get("/not-a-route")';
  }
}
