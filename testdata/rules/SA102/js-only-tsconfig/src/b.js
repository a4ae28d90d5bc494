exports.b = function (id) {
  return id;
};
