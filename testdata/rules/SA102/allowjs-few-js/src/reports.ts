export function reportsHandler(id: string): string {
  return id;
}
