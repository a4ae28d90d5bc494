const db = require('./db');

/**
 * Loads a legacy by id.
 */
async function loadLegacy(id) {
  return db.query('select * from legacy where id = $1', [id]);
}

module.exports = { loadLegacy };
