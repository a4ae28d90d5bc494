export function refundsHandler(id: string): string {
  return id;
}
