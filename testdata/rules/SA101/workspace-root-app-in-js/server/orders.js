exports.orders = function (req, res) {
  res.end('orders');
};
