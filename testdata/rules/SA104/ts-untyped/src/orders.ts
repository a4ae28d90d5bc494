import type { Request, Response } from "express";

export async function listOrders(req: Request, res: Response) {
  res.json([]);
}

export function getOrder(id: any): Promise<any> {
  return Promise.resolve({ id });
}

export const cancelOrder = async (id: string, reason) => {
  return { id, reason };
};

export function total(lines: Array<{ cents: number }>): number {
  return lines.reduce((sum, l) => sum + l.cents, 0);
}

export function toJSON(order: Record<string, any>): string {
  return JSON.stringify(order);
}

export default function handler(req, res) {
  res.end();
}

function helper(x) {
  return x;
}
