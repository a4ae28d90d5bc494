const db = require('./db');

/**
 * Loads a refunds by id.
 */
async function loadRefunds(id) {
  return db.query('select * from refunds where id = $1', [id]);
}

module.exports = { loadRefunds };
