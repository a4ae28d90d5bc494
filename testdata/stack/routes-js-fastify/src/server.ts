import Fastify from 'fastify';
import billingRoutes from './routes/billing';
import { authRoutes } from './routes/auth';
import healthPlugin from './plugins/health';

const server = Fastify({ logger: true });

server.register(billingRoutes, { prefix: '/v1/billing' });
server.register(authRoutes, { prefix: '/v1/auth' });
server.register(healthPlugin);
server.register(import('./routes/admin'), { prefix: '/admin' });

server.register(async (instance) => {
  instance.get('/status', async () => ({ up: true }));
}, { prefix: '/internal' });

// An HTTP client call on a different object is not a route.
const client = { get: (u: string) => u };
client.get('/v1/billing/checkout');

server.listen({ port: 3000 });
