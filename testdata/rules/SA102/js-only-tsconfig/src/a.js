exports.a = function (id) {
  return id;
};
