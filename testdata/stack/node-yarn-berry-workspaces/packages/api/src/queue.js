const Queue = require("bee-queue");
module.exports = new Queue("emails");
