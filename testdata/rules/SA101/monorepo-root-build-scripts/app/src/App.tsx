export function App(): null {
  return null;
}
