import { describe, expect, it } from 'vitest';
import { App, TerraformStack } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { ADDRESSES } from '../../src/core/names.js';
import { named } from '../../stacks/constructs/tags.js';

describe('named', () => {
  const vpc = () => new Vpc(new TerraformStack(new App({ stackTraces: false }), 'network'), 'vpc', { cidrBlock: '10.0.0.0/16' });

  it("gives a resource the name of its address, as terraform's logical id", () => {
    expect(named(vpc(), ADDRESSES.vpc).friendlyUniqueId).toBe('main');
  });

  it('refuses the address of another type of resource, before anything is synthesized', () => {
    expect(() => named(vpc(), ADDRESSES.igw)).toThrow('aws_internet_gateway.main is not an address of type aws_vpc');
  });
});
