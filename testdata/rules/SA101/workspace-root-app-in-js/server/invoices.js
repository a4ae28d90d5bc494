exports.invoices = function (req, res) {
  res.end('invoices');
};
