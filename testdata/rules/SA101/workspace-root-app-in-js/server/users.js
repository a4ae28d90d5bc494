exports.users = function (req, res) {
  res.end('users');
};
