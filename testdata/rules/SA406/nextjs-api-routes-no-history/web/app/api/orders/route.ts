export async function POST(req: Request) {
  const order = await req.json();
  return Response.json({ id: 1, ...order }, { status: 201 });
}
