#!/usr/bin/env node
// Notes service entry point.
/* eslint-disable no-console */
// @ts-check
'use strict'

const Koa = require('koa')
const app = new Koa()
app.listen(3000)
