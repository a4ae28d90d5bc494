const db = require('./db');

/**
 * Loads a util by id.
 */
async function loadUtil(id) {
  return db.query('select * from util where id = $1', [id]);
}

module.exports = { loadUtil };
