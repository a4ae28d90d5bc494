export function ordersHandler(id: string): string {
  return id;
}
