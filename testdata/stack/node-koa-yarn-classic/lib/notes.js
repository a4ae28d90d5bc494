'use strict'
// @ts-check is not honoured here: it comes after the first statement.
module.exports = { list: () => [] }
