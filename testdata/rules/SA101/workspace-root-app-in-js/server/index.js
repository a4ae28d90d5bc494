exports.index = function (req, res) {
  res.end('index');
};
