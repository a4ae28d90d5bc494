export function dbHandler(id: string): string {
  return id;
}
