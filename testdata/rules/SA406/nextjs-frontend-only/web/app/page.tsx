export default async function Home() {
  const res = await fetch("http://api:8000/items");
  const items: string[] = await res.json();
  return <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;
}
