module.exports.db = 1;
