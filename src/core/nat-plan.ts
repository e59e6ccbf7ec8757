/**
 * What the stack builds for the way out: NAT Gateways (where, and which private route table uses
 * which), VPC endpoints, and why. `--nat auto` takes the advisor's recommendation; an explicit
 * mode overrides it, with a warning when that leaves a need unmet. Pure.
 */
import type { NetworkConfig } from './config.js';
import { adviseNat, crashLoopCost, endpointsFor, isProduction, monthlySaving, NEEDS, type Advice, type CrashLoopCost, type InterfaceService } from './nat-advisor.js';
import { pricesFor, type RegionPrices } from './prices.js';
import { isNatTopology, natGatewayAzs, natTopologyOf, type EgressOption, type NatTopology } from './nat-modes.js';

/** The decided way out, with the reasons for it. */
export interface NatPlan {
  mode: NatTopology;
  /** How the tasks reach what they need. */
  egress: EgressOption;
  /** Each reason names the answer that caused it. */
  reasons: string[];
  /** Needs the chosen setup leaves unmet (only when --nat overrides the advice). */
  warnings: string[];
  /** AZs that host a NAT Gateway (in their public subnet). */
  natAzs: string[];
  /** For each AZ's private route table, the AZ whose NAT Gateway its default route uses. */
  routes: Record<string, string>;
  /** VPC endpoints to build. */
  endpoints: { s3Gateway: boolean; interfaces: InterfaceService[] };
  /** Estimated monthly cost of the way out (USD); only its known part when `costKnown` is false. */
  monthlyCostUsd: number;
  /** Whether every price of that cost is known in the region (advice.prices.missing names the others). */
  costKnown: boolean;
  /** With ecr-pull through a NAT: what a task that re-pulls its image once a minute for a day costs. */
  crashLoop?: CrashLoopCost;
  /** The advisor's full answer: recommendation, cost table, tutorial differences. */
  advice: Advice;
}

type PlanInput = Pick<NetworkConfig, 'nat' | 'needs' | 'env' | 'azs' | 'region' | 'tasksSubnet' | 'priority' | 'trafficGb' | 'tasks'> & Partial<Pick<NetworkConfig, 'imageMb'>>;

/** The image size the crash-loop figure assumes when none is given. */
export const DEFAULT_IMAGE_MB = 500;

/**
 * Decide the way out from the answers (`--nat auto`), or take the NAT mode asked for. `prices`:
 * the region's prices when they come from elsewhere than the table (--live-prices).
 */
export function planNat(config: PlanInput, { prices }: { prices?: RegionPrices } = {}): NatPlan {
  const regionPrices = prices ?? pricesFor(config.region);
  const advice = adviseNat({
    needs: config.needs,
    tasksSubnet: config.tasksSubnet,
    priority: config.priority,
    trafficGb: config.trafficGb,
    tasks: config.tasks,
    region: config.region,
    azCount: config.azs.length,
    production: isProduction(config.env),
  }, { prices: regionPrices });
  let egress: EgressOption = advice.recommended;
  let reasons = advice.reasons;
  const warnings: string[] = [];
  if (config.nat !== 'auto') {
    egress = forcedEgress(config);
    reasons = [`--nat ${config.nat}: chosen explicitly${egress === advice.recommended ? ', as advised' : `; the advice was ${advice.recommended}`}`];
    if (config.nat === 'none') {
      const unmet = config.needs.filter((n) => NEEDS[n].internetOnly);
      if (unmet.length > 0 && config.tasksSubnet === 'private') {
        warnings.push(`--nat none: ${unmet.map((n) => NEEDS[n].words).join(', ')} will fail from private subnets: they need a NAT Gateway or tasks in public subnets`);
      }
      if (egress === 'endpoints') reasons.push('the AWS services among the needs are served by VPC endpoints');
    }
  }
  const option = advice.options.find((o) => o.option === egress)!;
  const mode = natTopologyOf(egress);
  const natAzs = natGatewayAzs(mode, config.azs);
  const routes: Record<string, string> = {};
  if (mode !== 'none') for (const az of config.azs) routes[az] = mode === 'single' ? natAzs[0]! : az;
  return {
    mode,
    egress,
    reasons,
    warnings,
    natAzs,
    routes,
    endpoints: { s3Gateway: option.s3Gateway, interfaces: option.interfaces },
    monthlyCostUsd: option.monthlyUsd,
    costKnown: option.missing.length === 0,
    ...withCrashLoop(crashLoopCost({ needs: config.needs, imageMb: config.imageMb ?? DEFAULT_IMAGE_MB }, egress, option.s3Gateway, regionPrices)),
    advice,
  };
}

const withCrashLoop = (crashLoop: CrashLoopCost | undefined) => (crashLoop ? { crashLoop } : {});

function forcedEgress(config: PlanInput): EgressOption {
  if (isNatTopology(config.nat) && config.nat !== 'none') return config.nat;
  if (config.tasksSubnet === 'public' && config.needs.some((n) => !NEEDS[n].internal)) return 'public-subnets';
  const { interfaces, s3Gateway } = endpointsFor(config.needs);
  return interfaces.length > 0 || s3Gateway ? 'endpoints' : 'none';
}

/**
 * The cheapest way out that meets every need and costs less a month than the one chosen, with the
 * monthly saving; undefined when the chosen way is already the cheapest (or a cost is unknown).
 * For the next steps and the wizard's screens ("one NAT Gateway for the VPC would save $48.71/month").
 */
export function cheaperWay(plan: Pick<NatPlan, 'egress' | 'advice'>): { option: EgressOption; title: string; savingUsd: number } | undefined {
  const chosen = plan.advice.options.find((o) => o.option === plan.egress);
  if (!chosen || chosen.missing.length > 0) return undefined;
  const cheapest = plan.advice.options.find((o) => o.eligible && o.missing.length === 0 && o.option !== plan.egress && o.monthlyUsd < chosen.monthlyUsd);
  if (!cheapest) return undefined;
  const saving = monthlySaving(cheapest, chosen);
  return saving === null || saving <= 0 ? undefined : { option: cheapest.option, title: cheapest.title, savingUsd: saving };
}
