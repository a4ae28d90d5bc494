const db = require('./db');

/**
 * Loads a report by id.
 */
async function loadReport(id) {
  return db.query('select * from report where id = $1', [id]);
}

module.exports = { loadReport };
