/**
 * What a terraform resource of the generated project is, in plain words: `aws_nat_gateway.main_a`
 * is "NAT Gateway in ap-northeast-1a", `aws_route_table_association.private_c` is "private subnet
 * in ap-northeast-1c ↔ its route table". The progress of an apply and of a destroy shows these,
 * with the address beside them for whoever reads terraform. Pure: an address, the AZs of the
 * network, and the resource's Name tag when the project gives one.
 */

export interface ResourceWordsContext {
  /** The network's AZs (full names): an address ending in `_<letter>` is in the AZ of that letter. */
  azs: string[];
  /** Name tags by address, from the synthesized project. */
  names?: Record<string, string>;
}

const ROLE_WORDS: Record<string, string> = { alb: 'ALB', ecs: 'ECS tasks', rds: 'RDS', endpoints: 'VPC endpoints', nat: 'NAT instance' };
const TIERS = ['public', 'private'] as const;

/** The tier (`public`/`private`) and AZ letter an address's name carries, e.g. `private_nat_c` → private, c. */
function parts(name: string): { tier?: (typeof TIERS)[number]; letter?: string; rest: string } {
  const letter = /_([a-z])$/.exec(name)?.[1];
  const tier = TIERS.find((t) => name === t || name.startsWith(`${t}_`));
  return { ...(tier ? { tier } : {}), ...(letter ? { letter } : {}), rest: name };
}

/** `in ap-northeast-1a`, or empty when the letter is not one of the network's AZs. */
function inAz(letter: string | undefined, azs: string[]): string {
  const az = letter ? azs.find((a) => a.endsWith(letter)) : undefined;
  return az ? ` in ${az}` : '';
}

/** The noun phrase of one resource, without its Name. */
function noun(type: string, name: string, azs: string[]): string {
  const { tier, letter } = parts(name);
  const where = inAz(letter, azs);
  switch (type) {
    case 'aws_vpc':
      return 'VPC';
    case 'aws_internet_gateway':
      return 'internet gateway';
    case 'aws_subnet':
      return `${tier ?? ''} subnet${where}`.trim();
    case 'aws_route_table':
      return `${tier ?? ''} route table${where}`.trim();
    case 'aws_route_table_association':
      return `${tier ?? ''} subnet${where} ↔ its route table`.trim();
    case 'aws_route':
      if (name === 'public_internet') return 'route to the internet gateway (public subnets)';
      return `route to the internet, private route table${where}`;
    case 'aws_eip':
      return `Elastic IP of the NAT${where}`;
    case 'aws_nat_gateway':
      return `NAT Gateway${where}`;
    case 'aws_instance':
      return `NAT instance${where}`;
    case 'aws_security_group':
      return `${ROLE_WORDS[name] ?? name} security group`;
    case 'aws_default_security_group':
      return "the VPC's default security group";
    case 'aws_network_acl':
      return `${tier ?? name} network ACL`;
    case 'aws_network_acl_association':
      return `${tier ?? ''} network ACL ↔ subnet${where}`.trim();
    case 'aws_default_network_acl':
      return "the VPC's default network ACL";
    case 'aws_vpc_endpoint':
      return name === 's3' ? 'S3 gateway endpoint' : `${name.replace(/_/g, '.')} interface endpoint`;
    case 'aws_s3_bucket':
      return 'S3 bucket';
    case 'aws_dynamodb_table':
      return 'DynamoDB table';
    default:
      return `${type.replace(/^aws_/, '').replace(/_/g, ' ')} ${name}`;
  }
}

/**
 * A resource in plain words: `NAT Gateway in ap-northeast-1a (shop-dev-nat-a)`. An address that
 * is not a resource (a module path, a data source) is returned as it is.
 */
export function resourceWords(address: string, context: ResourceWordsContext): string {
  const m = /^(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[.*\])?$/.exec(address);
  if (!m) return address;
  const words = noun(m[1]!, m[2]!, context.azs);
  const name = context.names?.[address];
  return name ? `${words} (${name})` : words;
}

/** A duration as the progress shows it: `8s`, `1m12s`, `1h02m`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Name tags by address, from a synthesized Terraform JSON project. */
export function resourceNames(project: { resource?: Record<string, Record<string, { tags?: Record<string, unknown> }>> }): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [type, byName] of Object.entries(project.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const tag = body?.tags?.Name;
      if (typeof tag === 'string' && !tag.includes('${')) names[`${type}.${name}`] = tag;
    }
  }
  return names;
}
