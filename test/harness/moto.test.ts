import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { motoAvailable, startMoto } from '../helpers/moto.js';

const hasMoto = await motoAvailable();
if (!hasMoto) process.stderr.write('\n!!!!! HARNESS: python3 cannot import moto[server]/boto3: moto tests skipped !!!!!\n');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });
}

describe.skipIf(!hasMoto)('startMoto', () => {
  it('starts two servers on distinct free loopback ports and stops them', async () => {
    const [a, b] = await Promise.all([startMoto(), startMoto()]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.endpoint).toBe(`http://127.0.0.1:${a.port}`);
      const res = await fetch(`${a.endpoint}/moto-api/`);
      expect(res.ok).toBe(true);
      await res.body?.cancel();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await portOpen(a.port)).toBe(false);
    expect(await portOpen(b.port)).toBe(false);
    await a.stop(); // stopping twice is harmless
  });
});

describe('startMoto failures', () => {
  it('reports the interpreter output when the server cannot start', async () => {
    // node rejects `-m moto.server`, which stands in for a broken python.
    await expect(startMoto({ python: process.execPath })).rejects.toThrow(/moto server failed to start[\s\S]*-m/);
  });
});
