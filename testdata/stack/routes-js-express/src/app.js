const express = require('express');
const billing = require('./routes/billing');
const { accountRouter } = require('./routes/account');
const api = require('./routes');

const app = express();

// app.get('/commented-out', handler) is not a route
const help = "app.post('/in-a-string', handler) is not a route either";

app.use(express.json());
app.use('/billing', billing);
app.use('/account', accountRouter);
app.use('/api/v1', api);

app.get('/health', (req, res) => res.send('ok'));

// A cache lookup that looks like a route call but is not on an app.
const cache = new Map();
cache.get('/health');

module.exports = app;
