import express from 'express';
import * as orders from '../controllers/orders.js';

const router = express.Router();
router.get('/', orders.list);
router.post('/:id/refund', orders.refund);

export default router;
