const db = require('./db');

/**
 * Loads a thumbnails by id.
 */
async function loadThumbnails(id) {
  return db.query('select * from thumbnails where id = $1', [id]);
}

module.exports = { loadThumbnails };
