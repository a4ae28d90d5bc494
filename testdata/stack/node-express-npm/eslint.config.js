module.exports = [{ files: ["src/**/*.js"], rules: {} }];
