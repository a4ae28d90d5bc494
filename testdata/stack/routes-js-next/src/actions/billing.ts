'use server';

import { redirect } from 'next/navigation';

export async function upgradePlan(formData: FormData) {
  redirect('/checkout');
}

export async function cancelSubscription(id: string) {
  return id;
}

function notExported() {
  return 1;
}
