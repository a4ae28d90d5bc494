exports.legacy4 = function (id) {
  return id;
};
