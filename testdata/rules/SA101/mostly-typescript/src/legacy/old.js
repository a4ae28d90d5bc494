const db = require('./db');

/**
 * Loads a old by id.
 */
async function loadOld(id) {
  return db.query('select * from old where id = $1', [id]);
}

module.exports = { loadOld };
