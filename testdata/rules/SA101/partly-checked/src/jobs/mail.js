// @ts-check
const db = require('./db');

/**
 * Loads a mail by id.
 */
async function loadMail(id) {
  return db.query('select * from mail where id = $1', [id]);
}

module.exports = { loadMail };
