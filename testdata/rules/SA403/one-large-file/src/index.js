const { format } = require("./format");

module.exports = { format };
