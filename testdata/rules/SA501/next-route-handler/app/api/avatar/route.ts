import { readFileSync } from "node:fs";
import sharp from "sharp";

export async function GET(request: Request) {
  const size = Number(new URL(request.url).searchParams.get("size") ?? "128");
  const original = readFileSync("./public/avatar.png");
  const body = await sharp(original).resize(size, size).png().toBuffer();
  return new Response(body, { headers: { "Content-Type": "image/png" } });
}
