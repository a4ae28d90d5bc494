export const client = (x: string): string => x;
