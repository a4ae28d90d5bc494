export const index: number = 1;
