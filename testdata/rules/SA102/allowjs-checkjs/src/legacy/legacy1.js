exports.legacy1 = function (id) {
  return id;
};
