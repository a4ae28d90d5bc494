export function App({ title }: { title: string }) {
  return <h1>{title}</h1>;
}
