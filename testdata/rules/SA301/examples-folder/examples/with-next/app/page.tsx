export default function page() { return null; }
