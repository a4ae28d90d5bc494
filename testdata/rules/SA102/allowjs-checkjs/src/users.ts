export function usersHandler(id: string): string {
  return id;
}
