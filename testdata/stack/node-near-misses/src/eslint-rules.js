// not an eslint config: a file that happens to mention eslint
module.exports = {};
