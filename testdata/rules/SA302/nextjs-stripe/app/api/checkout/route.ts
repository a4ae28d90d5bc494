import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request): Promise<Response> {
  const session = await stripe.checkout.sessions.create({ mode: "subscription" });
  return Response.json({ url: session.url });
}
