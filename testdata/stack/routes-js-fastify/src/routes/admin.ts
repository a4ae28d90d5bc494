import type { FastifyInstance } from 'fastify';

export default async (fastify: FastifyInstance) => {
  fastify.delete('/subscriptions/:id', async () => ({ cancelled: true }));
};
