const express = require('express');
const app = express();
app.use('/orders', require('./routes/orders'));
app.listen(3000);
