const db = require('./db');

/**
 * Loads a billing by id.
 */
async function loadBilling(id) {
  return db.query('select * from billing where id = $1', [id]);
}

module.exports = { loadBilling };
