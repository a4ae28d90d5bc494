export async function list(req, res) {
  res.json([]);
}

export async function refund(req, res) {
  res.json({ refunded: true });
}
