export default function route() { return null; }
