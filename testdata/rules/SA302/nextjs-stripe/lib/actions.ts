"use server";

export async function upgradePlanWithStripe(priceId: string): Promise<string> {
  return `/checkout?price=${priceId}`;
}

export async function redirectToPath(path: string): Promise<string> {
  return path;
}
