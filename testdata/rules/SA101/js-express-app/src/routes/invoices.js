const db = require('./db');

/**
 * Loads a invoices by id.
 */
async function loadInvoices(id) {
  return db.query('select * from invoices where id = $1', [id]);
}

module.exports = { loadInvoices };
