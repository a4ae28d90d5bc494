import type { FastifyInstance } from 'fastify';

export async function authRoutes(app: FastifyInstance) {
  app.post('/login', login);
  app.post('/signup', async (req, reply) => reply.code(201).send());
}

async function login(req, reply) {
  return reply.send({ token: 't' });
}
