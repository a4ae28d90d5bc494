export const routes: number = 1;
