exports.requireUser = (req, res, next) => next();
