// @ts-check
exports.checked = function (id) {
  return id;
};
