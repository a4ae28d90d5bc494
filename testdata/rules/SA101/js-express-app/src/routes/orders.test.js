const { loadOrders } = require('./orders');
test('loads', () => { expect(loadOrders).toBeDefined(); });
