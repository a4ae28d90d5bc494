const db = require('./db');

/**
 * Loads a export by id.
 */
async function loadExport(id) {
  return db.query('select * from export where id = $1', [id]);
}

module.exports = { loadExport };
