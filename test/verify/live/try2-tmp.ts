import { createServer } from 'node:net';
import { readLive } from '../../../src/verify/live/read.js';
for (const endpoint of ['http://127.0.0.1:1', 'http://localhost:1']) {
  const t = Date.now();
  try { await readLive({ vpcId: 'vpc-1', region: 'ap-northeast-1', endpoint }); } catch (e) { console.log(Date.now() - t, 'ms', (e as Error).message); }
}
const srv = createServer(() => {}).listen(0, '127.0.0.1');
await new Promise((r) => srv.once('listening', r));
const port = (srv.address() as { port: number }).port;
const t = Date.now();
try { await readLive({ vpcId: 'vpc-1', region: 'ap-northeast-1', endpoint: `http://127.0.0.1:${port}` }); } catch (e) { console.log(Date.now() - t, 'ms', (e as Error).message); }
srv.close();
// moto with a vpc that does not exist
console.log(JSON.stringify(await readLive({ vpcId: 'vpc-0000', region: 'ap-northeast-1', endpoint: 'http://127.0.0.1:5123' })));
