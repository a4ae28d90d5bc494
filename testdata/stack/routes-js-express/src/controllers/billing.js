exports.checkout = async function checkout(req, res) {
  res.json({});
};

exports.showSubscription = function showSubscription(req, res) {
  res.json({});
};

exports.cancelSubscription = function cancelSubscription(req, res) {
  res.status(204).end();
};
