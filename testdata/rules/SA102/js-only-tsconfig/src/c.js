exports.c = function (id) {
  return id;
};
