const { body } = require("express-validator");
module.exports = { email: () => body("email").isEmail() };
