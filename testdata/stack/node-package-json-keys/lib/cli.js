#!/usr/bin/env node
// @ts-check
require("./server").start();
