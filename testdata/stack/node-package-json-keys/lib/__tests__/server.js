const test = require("node:test");
