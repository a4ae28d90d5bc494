export default (req, res) => res.json({ name: 'storefront' });
