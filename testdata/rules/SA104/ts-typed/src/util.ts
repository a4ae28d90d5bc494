export const fmt0 = (n: number): string => n.toFixed(0);
export const fmt1 = (n: number): string => n.toFixed(1);
export const fmt2 = (n: number): string => n.toFixed(2);
export const fmt3 = (n: number): string => n.toFixed(3);
export const fmt4 = (n: number): string => n.toFixed(4);
export const fmt5 = (n: number): string => n.toFixed(5);
