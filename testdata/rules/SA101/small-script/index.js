import fetch from 'node-fetch';
import { save } from './save.js';
save(await (await fetch('https://example.com')).json());
