export const math = (x: number): number => x;
