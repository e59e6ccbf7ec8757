import { describe, expect, it } from 'vitest';
import { elasticIpRoom } from '../../src/preflight/gather.js';

const tagged = [{ Key: 'Project', Value: 'shop' }, { Key: 'Environment', Value: 'dev' }];
const mine = (tags: { Key?: string; Value?: string }[] | undefined) => !!tags?.some((t) => t.Key === 'Project' && t.Value === 'shop');

describe('elasticIpRoom: how many new Elastic IPs the NAT plan needs', () => {
  it.each([
    ['none in the region, two NAT Gateways', [], 2, [], { used: 0, owned: 0, needed: 2 }],
    ['one of an earlier run (tagged), two NAT Gateways', [{ AllocationId: 'eipalloc-1', Tags: tagged }, { AllocationId: 'eipalloc-2' }], 2, [], { used: 2, owned: 1, needed: 1 }],
    ['one made by hand and adopted (an import block), untagged', [{ AllocationId: 'eipalloc-1' }, { AllocationId: 'eipalloc-2' }], 1, ['eipalloc-2', 'sg-0abc'], { used: 2, owned: 1, needed: 0 }],
    ['an adopted one and a tagged one, per-az over two AZs', [{ AllocationId: 'eipalloc-1', Tags: tagged }, { AllocationId: 'eipalloc-9' }], 2, ['eipalloc-9'], { used: 2, owned: 2, needed: 0 }],
    ['an adoption that is not an address counts nothing', [{ AllocationId: 'eipalloc-1' }], 1, ['nat-0123'], { used: 1, owned: 0, needed: 1 }],
    ['more owned than needed (NAT switched off): none needed, never below zero', [{ AllocationId: 'a', Tags: tagged }, { AllocationId: 'b', Tags: tagged }], 0, [], { used: 2, owned: 2, needed: 0 }],
  ])('%s', (_name, addresses, nats, adopted, want) => {
    expect(elasticIpRoom(addresses, nats, mine, adopted)).toEqual(want);
  });
});
