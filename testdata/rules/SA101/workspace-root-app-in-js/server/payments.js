exports.payments = function (req, res) {
  res.end('payments');
};
