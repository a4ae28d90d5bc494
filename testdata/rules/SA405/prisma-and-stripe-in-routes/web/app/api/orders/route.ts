import { db } from "@/lib/db";

export async function GET() {
  return Response.json(await db.order.findMany());
}

export async function POST(req: Request) {
  const order = await db.order.create({ data: await req.json() });
  return Response.json(order, { status: 201 });
}
