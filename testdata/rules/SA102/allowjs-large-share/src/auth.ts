export function authHandler(id: string): string {
  return id;
}
