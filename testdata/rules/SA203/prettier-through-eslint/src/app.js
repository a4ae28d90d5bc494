module.exports.app = 1;
