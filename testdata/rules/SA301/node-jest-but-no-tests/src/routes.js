exports.routes = 1;
