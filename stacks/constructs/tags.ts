import type { TerraformResource } from 'cdktf';

/** Give a resource a fixed terraform address (`aws_subnet.public_a`) instead of cdktf's hashed one. */
export function named<T extends TerraformResource>(resource: T, logicalId: string): T {
  resource.overrideLogicalId(logicalId);
  return resource;
}

/** The tags of one resource: the common ones merged with its Name, from one place. */
export function tagsFor(common: Record<string, string>, name: string): Record<string, string> {
  return { ...common, Name: name };
}
