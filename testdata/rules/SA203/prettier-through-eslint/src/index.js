module.exports.index = 1;
