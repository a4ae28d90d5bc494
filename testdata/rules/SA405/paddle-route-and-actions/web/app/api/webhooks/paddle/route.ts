import { Environment, Paddle } from "@paddle/paddle-node-sdk";

const paddle = new Paddle(process.env.PADDLE_API_KEY ?? "", { environment: Environment.sandbox });

export async function POST(req: Request) {
  const event = paddle.webhooks.unmarshal(await req.text(), process.env.PADDLE_SECRET ?? "", req.headers.get("paddle-signature") ?? "");
  return Response.json({ received: Boolean(event) });
}
