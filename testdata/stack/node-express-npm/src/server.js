const express = require("express");
const users = require("./routes/users");

const app = express();
app.use("/users", users);
app.listen(process.env.PORT || 3000);
