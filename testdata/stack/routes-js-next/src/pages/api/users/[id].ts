import { withSession } from '../../../lib/session';

async function handler(req, res) {
  res.json({ id: req.query.id });
}

export default withSession(handler);
