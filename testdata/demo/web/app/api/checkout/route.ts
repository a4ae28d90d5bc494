export async function POST(request: Request) {
  const body = await request.json();
  const res = await fetch("http://backend:8000/api/billing/checkout/", {
    method: "POST",
    body: JSON.stringify(body),
  });
  return Response.json(await res.json());
}
