exports.legacy2 = function (id) {
  return id;
};
