export function Card0({ title }: { title: string }) {
  return <div>{title}</div>;
}

export function Card1({ title }: { title: string }) {
  return <div>{title}</div>;
}

export function Card2({ title }: { title: string }) {
  return <div>{title}</div>;
}

export function Card3({ title }: { title: string }) {
  return <div>{title}</div>;
}

export function Card4({ title }: { title: string }) {
  return <div>{title}</div>;
}

export function Card5({ title }: { title: string }) {
  return <div>{title}</div>;
}

export const Badge = ({ label }: { label: string }) => <span>{label}</span>;
