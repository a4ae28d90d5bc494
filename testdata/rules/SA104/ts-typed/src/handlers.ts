import type { RequestHandler } from "express";

export const listOrders: RequestHandler = async (req, res) => {
  res.json([]);
};

export const getOrder: RequestHandler<{ id: string }> = (req, res) => {
  res.json({ id: req.params.id });
};

export function total(lines: Array<{ cents: number }>, fee = 0): number {
  return lines.reduce((sum, l) => sum + l.cents, fee);
}

export async function load(id: string): Promise<{ id: string }> {
  return { id };
}
