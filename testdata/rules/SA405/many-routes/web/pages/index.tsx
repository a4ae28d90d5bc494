export default function Home() {
  return <main>Admin</main>;
}
