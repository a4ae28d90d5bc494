// @ts-check
const db = require('./db');

/**
 * Loads a users by id.
 */
async function loadUsers(id) {
  return db.query('select * from users where id = $1', [id]);
}

module.exports = { loadUsers };
