import type { FastifyInstance, FastifyPluginOptions } from 'fastify';
import { createCheckout, refundPayment } from '../handlers/payments';

export default async function billingRoutes(fastify: FastifyInstance, opts: FastifyPluginOptions) {
  fastify.post('/checkout', { schema: { body: {} } }, createCheckout);

  fastify.route({
    method: ['POST', 'PUT'],
    url: '/refunds/:id',
    handler: refundPayment,
  });

  fastify.get('/invoices', {
    handler: async (request, reply) => reply.send([]),
  });
}
