import { Injectable } from '@nestjs/common';

@Injectable()
export class BillingService {
  checkout(plan: string) { return plan; }
  list(page: string) { return [page]; }
  cancel(id: string) { return id; }
}
