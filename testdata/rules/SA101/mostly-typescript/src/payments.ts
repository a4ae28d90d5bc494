export function paymentsHandler(id: string): string {
  return id;
}
