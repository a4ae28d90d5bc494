export function build(): string {
  return "ok";
}
