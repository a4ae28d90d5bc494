import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_KEY!);

export async function POST(request: Request) {
  const session = await stripe.checkout.sessions.create({ mode: 'payment' });
  return Response.json({ url: session.url });
}

export const dynamic = 'force-dynamic';
