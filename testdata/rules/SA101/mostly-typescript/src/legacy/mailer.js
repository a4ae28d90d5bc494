const db = require('./db');

/**
 * Loads a mailer by id.
 */
async function loadMailer(id) {
  return db.query('select * from mailer where id = $1', [id]);
}

module.exports = { loadMailer };
