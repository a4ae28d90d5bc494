export default function Pricing() {
  return <main>Plans and pricing</main>;
}
