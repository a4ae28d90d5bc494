export async function createCheckout(request, reply) {
  return reply.send({ url: 'https://pay.example/session' });
}

export const refundPayment = async (request, reply) => {
  return reply.send({ refunded: true });
};
