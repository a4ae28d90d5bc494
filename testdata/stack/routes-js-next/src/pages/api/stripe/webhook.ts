import type { NextApiRequest, NextApiResponse } from 'next';

export const config = { api: { bodyParser: false } };

export default async function stripeWebhook(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ received: true });
}
