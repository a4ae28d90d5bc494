const { Router } = require('express');
const { asyncHandler } = require('../util');

const accountRouter = Router();

accountRouter.post('/signup', asyncHandler(signup));
accountRouter.post('/login', login);

async function signup(req, res) {
  res.status(201).end();
}

function login(req, res) {
  res.end();
}

module.exports = { accountRouter };
