import { Module } from '@nestjs/common';
import { BillingController } from './billing/billing.controller';
import { AuthController } from './auth/auth.controller';

@Module({ controllers: [BillingController, AuthController] })
export class AppModule {}
