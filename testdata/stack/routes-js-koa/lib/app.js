const Koa = require('koa');
const Router = require('@koa/router');
const subscriptions = require('./routes/subscriptions');
const auth = require('./routes/auth');

const app = new Koa();
const api = new Router({ prefix: '/api' });

api.use('/subscriptions', subscriptions.routes(), subscriptions.allowedMethods());
api.use(auth.routes());
api.get('/ping', (ctx) => { ctx.body = 'pong'; });

app.use(api.routes());
app.listen(3000);
