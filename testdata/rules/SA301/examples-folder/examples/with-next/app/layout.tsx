export default function layout() { return null; }
