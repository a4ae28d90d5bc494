exports.db = function (req, res) {
  res.end('db');
};
