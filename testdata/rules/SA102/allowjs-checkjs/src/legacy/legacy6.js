exports.legacy6 = function (id) {
  return id;
};
