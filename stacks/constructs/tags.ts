import type { TerraformResource } from 'cdktf';
import { splitAddress } from '../../src/core/names.js';

/**
 * Give a resource its terraform address from `ADDRESSES` (`aws_subnet.public_a`) instead of
 * cdktf's hashed one, so that the verifiers find it by the same address.
 */
export function named<T extends TerraformResource>(resource: T, address: string): T {
  const { type, name } = splitAddress(address);
  if (type !== resource.terraformResourceType) throw new Error(`${address} is not an address of type ${resource.terraformResourceType}`);
  resource.overrideLogicalId(name);
  return resource;
}

/** The tags of one resource: the common ones merged with its Name, from one place. */
export function tagsFor(common: Record<string, string>, name: string): Record<string, string> {
  return { ...common, Name: name };
}
