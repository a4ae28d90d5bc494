function cents(x) {
  return Math.round(x * 100);
}
module.exports = { cents };
