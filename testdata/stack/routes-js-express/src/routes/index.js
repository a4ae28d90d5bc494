import { Router } from 'express';
import orders from './orders.js';

const router = Router();
router.use('/orders', orders);
router.get('/', (req, res) => res.json({ ok: true }));

export default router;
