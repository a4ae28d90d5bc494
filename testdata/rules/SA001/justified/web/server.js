const express = require("express");
const app = express();
const text = "// stackaudit:ignore";
const tpl = `
// stackaudit:ignore
`;
// stackaudit:ignore SA501, cpu-work-in-request-path hashing is bounded to 1 KiB
app.get("/", (req, res) => res.send(text + tpl));
module.exports = app;
