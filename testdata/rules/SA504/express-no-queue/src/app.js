const express = require("express");
const nodemailer = require("nodemailer");
const ExcelJS = require("exceljs");

const app = express();
const transporter = nodemailer.createTransport({ host: "smtp.example.com", port: 587 });

async function sendReceipt(order) {
  await transporter.sendMail({ to: order.email, subject: "Your receipt", text: `Order ${order.id}` });
}

app.post("/orders", async (req, res) => {
  const order = { id: 1, email: req.body.email };
  await sendReceipt(order);
  res.status(201).json(order);
});

app.get("/orders/export.xlsx", async (req, res) => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Orders").addRow(["id", "email"]);
  res.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  await workbook.xlsx.write(res);
});

app.get("/quote", async (req, res) => {
  const [a, b, c] = await Promise.all([
    fetch("https://rates.one.example/usd"),
    fetch("https://rates.two.example/usd"),
    fetch("https://rates.three.example/usd"),
  ]);
  res.json({ a: await a.json(), b: await b.json(), c: await c.json() });
});

app.listen(3000);
