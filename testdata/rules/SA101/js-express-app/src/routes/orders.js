const db = require('./db');

/**
 * Loads a orders by id.
 */
async function loadOrders(id) {
  return db.query('select * from orders where id = $1', [id]);
}

module.exports = { loadOrders };
