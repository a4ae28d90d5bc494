const db = require('./db');

/**
 * Loads a csv by id.
 */
async function loadCsv(id) {
  return db.query('select * from csv where id = $1', [id]);
}

module.exports = { loadCsv };
