export const types = (x: string): string => x;
