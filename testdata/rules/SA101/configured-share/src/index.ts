export const start = (): void => {};
