export const db: number = 1;
