const db = require('./db');

/**
 * Loads a db by id.
 */
async function loadDb(id) {
  return db.query('select * from db where id = $1', [id]);
}

module.exports = { loadDb };
