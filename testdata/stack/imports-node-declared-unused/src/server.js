// We moved off Express: const express = require('express');
/* require("express") in a block comment does not count either */
const fastify = require("fastify")({ logger: true });
const fs = require("node:fs");
const path = require("path");
const fp = require("lodash/fp");
const routes = require("./routes");

const help = "run require('express') to compare";
const tpl = `require("express")`;

fastify.register(routes);
fastify.get("/", async () => ({ ok: fp.identity(true), help, tpl, dir: path.dirname(fs.realpathSync(".")) }));
fastify.listen({ port: 3000 });
