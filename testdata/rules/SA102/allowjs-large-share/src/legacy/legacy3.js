exports.legacy3 = function (id) {
  return id;
};
