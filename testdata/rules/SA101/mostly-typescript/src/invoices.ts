export function invoicesHandler(id: string): string {
  return id;
}
