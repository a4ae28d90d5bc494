exports.legacy5 = function (id) {
  return id;
};
