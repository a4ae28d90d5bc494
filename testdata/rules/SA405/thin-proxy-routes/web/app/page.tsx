export default function Home() {
  return <main>Search</main>;
}
