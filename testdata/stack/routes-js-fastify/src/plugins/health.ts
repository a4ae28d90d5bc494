import fp from 'fastify-plugin';

async function health(fastify, opts) {
  fastify.get('/healthz', async () => 'ok');
}

export default fp(health);
