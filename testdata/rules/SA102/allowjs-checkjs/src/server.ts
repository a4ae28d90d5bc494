export function serverHandler(id: string): string {
  return id;
}
