export const a = (x: number): number => x;
