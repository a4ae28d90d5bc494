export function mailHandler(id: string): string {
  return id;
}
