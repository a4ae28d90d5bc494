export function adminHandler(id: string): string {
  return id;
}
