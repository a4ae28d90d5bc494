const api = require("./__generated/api");

module.exports = api;
