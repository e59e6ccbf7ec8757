/**
 * The fault proxy against a stand-in target on loopback: pass-through untouched, errors in each
 * protocol's shape for the Nth matching request, going away and coming back.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';

const form = (service: string, body: string, ua = 'aws-sdk-js/3') => ({
  method: 'POST',
  headers: {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/ap-northeast-1/${service}/aws4_request, SignedHeaders=host, Signature=x`,
    'user-agent': ua,
  },
  body,
});

describe('fault proxy', () => {
  let target: Server;
  let targetUrl = '';
  const seen: { body: string; headers: Record<string, unknown> }[] = [];
  let proxy: FaultProxy;

  beforeAll(async () => {
    target = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ body: Buffer.concat(chunks).toString(), headers: req.headers });
        res.writeHead(200, { 'content-type': 'text/xml', 'x-target': 'yes' });
        res.end('<ok/>');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const addr = target.address();
    targetUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    proxy = await startFaultProxy({ target: targetUrl });
  });
  afterEach(async () => {
    proxy.setRules([]);
    proxy.clearRequests();
    seen.length = 0;
    await proxy.comeBack();
  });
  afterAll(async () => {
    await proxy.stop();
    await new Promise((r) => target.close(r));
  });

  it('listens on loopback only and refuses a target off loopback', async () => {
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(startFaultProxy({ target: 'http://example.com:80' })).rejects.toThrow(/loopback/);
  });

  it('a hang rule reads the request and never answers it; other requests pass', async () => {
    proxy.setRules([{ service: 'ec2', userAgent: 'aws-sdk-js', hang: true }]);
    const hung = await fetch(proxy.url + '/', { ...form('ec2', 'Action=DescribeVpcs'), signal: AbortSignal.timeout(500) }).catch((e: Error) => e);
    expect(hung).toMatchObject({ name: 'TimeoutError' });
    expect(proxy.requests.at(-1)).toMatchObject({ action: 'DescribeVpcs', outcome: { hung: true } });
    expect(proxy.injected).toHaveLength(1);
    expect(seen).toHaveLength(0);
    const passed = await fetch(proxy.url + '/', form('ec2', 'Action=DescribeVpcs', 'Terraform/1.11 terraform-provider-aws/6'));
    expect(passed.status).toBe(200);
    await passed.text();
    // Neither the hung request (never passed on) nor the answered one is in flight.
    expect(proxy.inFlight).toBe(0);
  });

  it('passes requests through untouched: body, headers, status, JSON protocols', async () => {
    const res = await fetch(proxy.url + '/', form('ec2', 'Action=DescribeVpcs&Version=2016-11-15'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-target')).toBe('yes');
    expect(await res.text()).toBe('<ok/>');
    const json = await fetch(proxy.url + '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'ServiceQuotasV20190624.GetServiceQuota', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/servicequotas/aws4_request' },
      body: '{"ServiceCode":"ec2"}',
    });
    expect(json.status).toBe(200);
    expect(seen.map((s) => s.body)).toEqual(['Action=DescribeVpcs&Version=2016-11-15', '{"ServiceCode":"ec2"}']);
    expect(proxy.requests.map((r) => [r.service, r.action, r.outcome])).toEqual([
      ['ec2', 'DescribeVpcs', { passed: 200 }],
      ['servicequotas', 'GetServiceQuota', { passed: 200 }],
    ]);
  });

  it('answers the Nth matching request with an EC2 error; the others pass', async () => {
    proxy.setRules([{ service: 'ec2', action: 'AllocateAddress', nth: 2, error: { code: 'AddressLimitExceeded', message: 'The maximum number of addresses has been reached.' } }]);
    const statuses: number[] = [];
    let body = '';
    for (let i = 0; i < 3; i++) {
      const res = await fetch(proxy.url + '/', form('ec2', 'Action=AllocateAddress&Domain=vpc'));
      statuses.push(res.status);
      const text = await res.text();
      if (res.status === 400) body = text;
    }
    await fetch(proxy.url + '/', form('ec2', 'Action=CreateVpc'));
    expect(statuses).toEqual([200, 400, 200]);
    expect(body).toMatch(/^<\?xml[^>]*>\n<Response><Errors><Error><Code>AddressLimitExceeded<\/Code><Message>The maximum number of addresses has been reached\.<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
    expect(seen).toHaveLength(3); // the injected one never reached the target
    expect(proxy.injected.map((r) => r.seq)).toEqual([2]);
  });

  it('STS and IAM get the query protocol ErrorResponse; rules can pick a caller by User-Agent', async () => {
    proxy.setRules([{ userAgent: 'terraform-provider-aws', error: { code: 'ExpiredToken', message: 'The security token included in the request is expired' } }]);
    const mine = await fetch(proxy.url + '/', form('sts', 'Action=GetCallerIdentity&Version=2011-06-15'));
    expect(mine.status).toBe(200);
    const tf = await fetch(proxy.url + '/', form('sts', 'Action=GetCallerIdentity&Version=2011-06-15', 'APN/1.0 HashiCorp/1.0 Terraform/1.11.4 terraform-provider-aws/5.100.0'));
    expect(tf.status).toBe(400);
    expect(await tf.text()).toMatch(/<ErrorResponse><Error><Type>Sender<\/Type><Code>ExpiredToken<\/Code><Message>The security token included in the request is expired<\/Message><\/Error><RequestId>/);
  });

  it('goes away on a rule: that request gets no answer, later connections are refused; comes back on the same port', async () => {
    proxy.setRules([{ action: 'CreateNatGateway', goAway: true }]);
    const gone = proxy.goneAway();
    await expect(fetch(proxy.url + '/', form('ec2', 'Action=CreateNatGateway'))).rejects.toThrow();
    await gone;
    expect(proxy.listening).toBe(false);
    const refused = await fetch(proxy.url + '/', form('ec2', 'Action=DescribeVpcs')).catch((e: Error & { cause?: { code?: string } }) => e.cause?.code);
    expect(refused).toBe('ECONNREFUSED');
    expect(seen).toEqual([]);
    const port = proxy.port;
    proxy.setRules([]);
    await proxy.comeBack();
    expect(proxy.port).toBe(port);
    expect((await fetch(proxy.url + '/', form('ec2', 'Action=DescribeVpcs'))).status).toBe(200);
  });

  it('goes away after the target acted (afterTarget): the target saw the request, the caller got no answer', async () => {
    proxy.setRules([{ action: 'CreateNatGateway', goAway: true, afterTarget: true }]);
    await expect(fetch(proxy.url + '/', form('ec2', 'Action=CreateNatGateway&SubnetId=subnet-1'))).rejects.toThrow();
    await proxy.goneAway();
    expect(seen.map((s) => s.body)).toEqual(['Action=CreateNatGateway&SubnetId=subnet-1']);
    expect(proxy.requests.map((r) => r.outcome)).toEqual([{ goneAway: true, targetStatus: 200 }]);
  });
});
