// @ts-check
const db = require('./db');

/**
 * Loads a payments by id.
 */
async function loadPayments(id) {
  return db.query('select * from payments where id = $1', [id]);
}

module.exports = { loadPayments };
