export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
