const db = require('./db');

/**
 * Loads a cleanup by id.
 */
async function loadCleanup(id) {
  return db.query('select * from cleanup where id = $1', [id]);
}

module.exports = { loadCleanup };
