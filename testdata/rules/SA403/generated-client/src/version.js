exports.version = "1";
