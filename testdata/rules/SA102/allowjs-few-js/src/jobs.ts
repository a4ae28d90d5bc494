export function jobsHandler(id: string): string {
  return id;
}
