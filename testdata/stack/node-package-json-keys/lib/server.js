/** @ts-check is only honoured as a line comment */
const Hapi = require("@hapi/hapi");
exports.start = async () => Hapi.server({ port: 3000 }).start();
