/**
 * Where the NAT Gateways go and which private route table uses which. Pure.
 */
import type { NetworkConfig, OutboundNeed } from './config.js';

/** The NAT topology of a network. */
export type NatTopology = 'none' | 'single' | 'per-az';

/** The decided NAT layout, with the reasons for it. */
export interface NatPlan {
  mode: NatTopology;
  /** Each reason names the answer that caused it. */
  reasons: string[];
  /** AZs that host a NAT Gateway (in their public subnet). */
  natAzs: string[];
  /** For each AZ's private route table, the AZ whose NAT Gateway its default route uses. */
  routes: Record<string, string>;
}

const NEED_WORDS: Record<OutboundNeed, string> = {
  'ecr-pull': 'pulling images from ECR',
  'external-api': 'calling external APIs',
  logs: 'shipping logs to CloudWatch Logs',
  'package-download': 'downloading packages at run time',
  ssm: 'SSM Session Manager / ECS Exec',
};

/** Whether an environment name means production, where AZ independence outweighs cost. */
export function isProduction(env: string): boolean {
  return /^(prod|production|prd)$/.test(env);
}

/** Decide the NAT topology from the answers (`--nat auto`), or take the one asked for. */
export function planNat(config: Pick<NetworkConfig, 'nat' | 'needs' | 'env' | 'azs'>): NatPlan {
  let mode: NatTopology;
  const reasons: string[] = [];
  if (config.nat !== 'auto') {
    mode = config.nat;
    reasons.push(`--nat ${config.nat}: chosen explicitly`);
  } else if (config.needs.length === 0) {
    mode = 'none';
    reasons.push('--needs none: traffic comes in through the ALB and stays inside the VPC (RDS), which needs no NAT Gateway');
  } else {
    mode = isProduction(config.env) ? 'per-az' : 'single';
    for (const need of config.needs) reasons.push(`--needs ${need}: ${NEED_WORDS[need]} from private subnets needs a way out`);
    reasons.push(
      mode === 'per-az'
        ? `--env ${config.env}: production keeps one NAT Gateway per AZ so that an AZ outage does not cut the others off`
        : `--env ${config.env}: outside production one NAT Gateway for the whole VPC costs less (it loses AZ independence)`,
    );
  }
  const natAzs = mode === 'none' ? [] : mode === 'single' ? config.azs.slice(0, 1) : [...config.azs];
  const routes: Record<string, string> = {};
  if (mode !== 'none') for (const az of config.azs) routes[az] = mode === 'single' ? natAzs[0]! : az;
  return { mode, reasons, natAzs, routes };
}
