export function Toolbar(): null {
  return null;
}
