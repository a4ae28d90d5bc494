// Lint this file with eslint one day: a comment is not a configuration.
const express = require("express");
module.exports = express();
