const axios = require("axios");
const BASE = "https://rates.example.com//v2";

async function rate(from, to) {
  const res = await axios.get(`${BASE}/rates`, { params: { from, to } });
  return res.data.rate;
}

function convert0(amount, rate) {
  return Math.round(amount * rate * 1) / 100;
}
function convert1(amount, rate) {
  return Math.round(amount * rate * 2) / 100;
}
function convert2(amount, rate) {
  return Math.round(amount * rate * 3) / 100;
}
function convert3(amount, rate) {
  return Math.round(amount * rate * 4) / 100;
}
function convert4(amount, rate) {
  return Math.round(amount * rate * 5) / 100;
}
function convert5(amount, rate) {
  return Math.round(amount * rate * 6) / 100;
}
function convert6(amount, rate) {
  return Math.round(amount * rate * 7) / 100;
}
function convert7(amount, rate) {
  return Math.round(amount * rate * 8) / 100;
}
function convert8(amount, rate) {
  return Math.round(amount * rate * 9) / 100;
}
function convert9(amount, rate) {
  return Math.round(amount * rate * 10) / 100;
}
function convert10(amount, rate) {
  return Math.round(amount * rate * 11) / 100;
}
function convert11(amount, rate) {
  return Math.round(amount * rate * 12) / 100;
}
function convert12(amount, rate) {
  return Math.round(amount * rate * 13) / 100;
}
function convert13(amount, rate) {
  return Math.round(amount * rate * 14) / 100;
}

module.exports = { rate, convert0, convert1, convert2, convert3, convert4, convert5, convert6, convert7, convert8, convert9, convert10, convert11, convert12, convert13 };
