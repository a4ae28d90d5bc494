module.exports = {
  async list(ctx) {
    ctx.body = [];
  },
  async create(ctx) {
    ctx.status = 201;
  },
};
