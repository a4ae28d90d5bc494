export function cacheHandler(id: string): string {
  return id;
}
