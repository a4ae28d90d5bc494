const express = require("express");
const nodemailer = require("nodemailer");

const app = express();
const transporter = nodemailer.createTransport({ host: "smtp.example.com", port: 587 });

app.post("/contact", async (req, res) => {
  await transporter.sendMail({ to: "owner@example.com", subject: "Contact", text: req.body.text });
  res.status(202).end();
});

app.listen(3000);
