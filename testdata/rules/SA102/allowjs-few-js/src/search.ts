export function searchHandler(id: string): string {
  return id;
}
