export function Canvas(): null {
  return null;
}
