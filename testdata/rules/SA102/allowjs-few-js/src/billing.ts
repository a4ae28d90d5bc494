export function billingHandler(id: string): string {
  return id;
}
