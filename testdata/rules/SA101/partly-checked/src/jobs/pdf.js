// @ts-check
const db = require('./db');

/**
 * Loads a pdf by id.
 */
async function loadPdf(id) {
  return db.query('select * from pdf where id = $1', [id]);
}

module.exports = { loadPdf };
