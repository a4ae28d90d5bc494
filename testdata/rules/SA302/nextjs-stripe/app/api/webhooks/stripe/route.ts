import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request): Promise<Response> {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature")!, "whsec");
  return Response.json({ received: event.type });
}
