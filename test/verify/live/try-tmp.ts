import { readFile } from 'node:fs/promises';
import { verifyLive, stateResources } from '../../../src/verify/live/index.js';
const [dir, show] = process.argv.slice(2);
const record = JSON.parse(await readFile(`${dir}/net-wizard.config.json`, 'utf8'));
const doc = JSON.parse(await readFile(show!, 'utf8'));
const t = Date.now();
const checks = await verifyLive({ record, stateResources: stateResources(doc) });
for (const c of checks) console.log(c.status.padEnd(4), c.id.padEnd(32), '|', c.title, '\n      ', c.detail);
console.log(Date.now() - t, 'ms');
