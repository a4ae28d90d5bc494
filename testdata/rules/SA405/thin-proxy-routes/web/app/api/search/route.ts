import type { NextRequest } from "next/server";

// A thin proxy to the Python API: the backend stays where it is.
export async function GET(req: NextRequest) {
  const q = req.nextUrl.searchParams.get("q") ?? "";
  const res = await fetch(`${process.env.API_URL}/search?q=${encodeURIComponent(q)}`);
  return Response.json(await res.json());
}
