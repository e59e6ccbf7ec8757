/**
 * The workdir record (`net-wizard.config.json`): what a workdir's network was made from and what
 * it lives in. A workdir is the only record of a network billed by the hour, so it is bound to
 * one target (AWS account, region, endpoint) from the first apply on, and a run aimed elsewhere
 * is refused before terraform runs. Parsing, checking and comparing only; no I/O.
 */
import { question, resolveConfig, type NetworkConfig } from './config.js';
import { UsageError, type InputProblem } from './errors.js';
import { isNatTopology, NAT_TOPOLOGIES } from './nat-modes.js';
import type { NatPlan } from './nat-plan.js';
import { parseExistingVpc, type ExistingVpc } from './existing-vpc.js';

/** The file a workdir keeps its record in. */
export const RECORD_FILE = 'net-wizard.config.json';

/** The state file of the workdir's local backend (the stack's local backend and the runner use this path). */
export const LOCAL_STATE_FILE = 'terraform.tfstate';

/** Where a workdir's network lives: set when terraform first applies in the workdir. */
export interface Target {
  /** The AWS account id STS answered with; '' when unknown (a workdir recorded before bindings). */
  accountId: string;
  region: string;
  /** The emulator endpoint; null for real AWS. */
  endpoint: string | null;
  project: string;
  env: string;
  /** Where the state is kept, in words (the workdir, or s3://bucket/key). */
  backend: string;
  /** When the binding was made (ISO time). */
  since: string;
}

/** What a workdir records about how it was made, so later commands need only the workdir. */
export interface WorkdirRecord {
  tool: 'net-wizard';
  version: string;
  /** The answers of the applied network (before the first apply succeeds: of the last synth). */
  config: NetworkConfig;
  nat: NatPlan;
  /** The existing VPC the network is attached to (config.vpcId), as the attach found and chose it. */
  existing?: ExistingVpc;
  /** The target the workdir is bound to; absent until terraform first applies in it. */
  target?: Target;
  /** When `config` was last applied successfully (ISO time); absent before. */
  appliedAt?: string;
}

/** What a run is about to talk to. */
export interface RunTarget {
  accountId: string;
  region: string;
  endpoint: string | null;
}

/**
 * Read a record's text; a damaged record (not JSON, a missing or wrong field) is a UsageError that
 * names the file and the field, never a stack trace.
 */
export function parseRecord(text: string, file: string): WorkdirRecord {
  const problem = (field: string, message: string): never => {
    throw new UsageError([{ option: field ? `${file}: ${field}` : file, message: `${message}; the workdir record is damaged. Restore it (from a backup or version control), or give this network a new --workdir` }]);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return problem('', `is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) return problem('', 'must hold a JSON object');
  if (data.tool !== 'net-wizard') return problem('tool', `is ${JSON.stringify(data.tool)}, not "net-wizard"`);
  if (typeof data.version !== 'string') return problem('version', 'is missing or not a string');
  if (!isObject(data.config)) return problem('config', 'is missing or not an object');
  let config: NetworkConfig;
  try {
    const origin = Object.fromEntries(Object.keys(data.config).map((key) => [key, `${file}: config.${key}`]));
    config = resolveConfig(data.config, origin);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(error.problems.map((p) => ({ ...p, option: p.option.startsWith('--') ? `${file}: config (${p.option})` : p.option, message: `${p.message}; the workdir record is damaged` })));
  }
  const nat = data.nat;
  if (!isObject(nat)) return problem('nat', 'is missing or not an object');
  if (typeof nat.mode !== 'string' || !isNatTopology(nat.mode)) return problem('nat.mode', `is ${JSON.stringify(nat.mode)}, not one of ${NAT_TOPOLOGIES.join(', ')}`);
  if (!Array.isArray(nat.natAzs) || !nat.natAzs.every((az) => typeof az === 'string')) return problem('nat.natAzs', 'is not a list of AZ names');
  if (!isObject(nat.routes)) return problem('nat.routes', 'is missing or not an object');
  if (!isObject(nat.endpoints) || !Array.isArray(nat.endpoints.interfaces)) return problem('nat.endpoints', 'is missing or not an object with interfaces');
  const record: WorkdirRecord = { tool: 'net-wizard', version: data.version, config, nat: nat as unknown as NatPlan };
  if (config.vpcId !== undefined || data.existing !== undefined) {
    const existing = parseExistingVpc(data.existing);
    if (!existing.ok) return problem(existing.field, existing.message);
    if (existing.value.id !== config.vpcId) return problem('existing.id', `is ${existing.value.id}, but config.vpcId is ${String(config.vpcId)}`);
    record.existing = existing.value;
  }
  if (data.target !== undefined) {
    const t = data.target;
    if (!isObject(t)) return problem('target', 'is not an object');
    if (typeof t.accountId !== 'string' || !(t.accountId === '' || /^\d{12}$/.test(t.accountId))) return problem('target.accountId', `is ${JSON.stringify(t.accountId)}, not a 12-digit AWS account id`);
    for (const key of ['region', 'project', 'env', 'backend', 'since'] as const) {
      if (typeof t[key] !== 'string' || t[key] === '') return problem(`target.${key}`, 'is missing or empty');
    }
    if (!(t.endpoint === null || typeof t.endpoint === 'string')) return problem('target.endpoint', 'is neither null (real AWS) nor a URL');
    record.target = t as unknown as Target;
  }
  if (data.appliedAt !== undefined) {
    if (typeof data.appliedAt !== 'string') return problem('appliedAt', 'is not a time');
    record.appliedAt = data.appliedAt;
  }
  return record;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The target a workdir is bound to, or undefined while terraform has never applied in it.
 * `stateHolds`: whether its state lists resources (a workdir recorded before bindings existed
 * is bound to the region and endpoint of its answers, the account unknown).
 */
export function boundTarget(record: WorkdirRecord | undefined, stateHolds: boolean): Pick<Target, 'accountId' | 'region' | 'endpoint'> | undefined {
  if (!record) return undefined;
  if (record.target) return record.target;
  if (record.appliedAt || stateHolds) return { accountId: '', region: record.config.region, endpoint: record.config.endpoint ?? null };
  return undefined;
}

/** How a run's target compares with the workdir's. */
export type TargetVerdict =
  | { same: true; /** The emulator answers at another address with the workdir's network in it: move the binding there. */ moved?: string }
  | { same: false; differences: { fact: 'account' | 'region' | 'endpoint'; recorded: string; now: string }[] }
  /** Both are emulators at different addresses: the same network only if the workdir's VPC answers there (ask AWS, then decide). */
  | { same: 'ask'; vpcId: string };

const where = (endpoint: string | null) => endpoint ?? 'real AWS';

/**
 * Decide whether a run aims at the workdir's network. The account id and the region decide. With
 * an emulator, whose every instance answers with the same account id, the endpoint decides too,
 * unless the workdir's VPC answers at the new one (the emulator restarted on another port with its
 * data kept): `vpcThere` is that answer, once asked (`same: 'ask'`).
 */
export function compareTarget(recorded: Pick<Target, 'accountId' | 'region' | 'endpoint'>, now: RunTarget, context: { vpcId?: string; vpcThere?: boolean } = {}): TargetVerdict {
  const differences: { fact: 'account' | 'region' | 'endpoint'; recorded: string; now: string }[] = [];
  if (recorded.accountId !== '' && recorded.accountId !== now.accountId) differences.push({ fact: 'account', recorded: recorded.accountId, now: now.accountId });
  if (recorded.region !== now.region) differences.push({ fact: 'region', recorded: recorded.region, now: now.region });
  if (recorded.endpoint !== now.endpoint) {
    const bothEmulated = recorded.endpoint !== null && now.endpoint !== null;
    if (bothEmulated && differences.length === 0 && context.vpcId) {
      if (context.vpcThere === undefined) return { same: 'ask', vpcId: context.vpcId };
      if (context.vpcThere) return { same: true, moved: now.endpoint! };
    }
    differences.push({ fact: 'endpoint', recorded: where(recorded.endpoint), now: where(now.endpoint) });
  }
  return differences.length === 0 ? { same: true } : { same: false, differences };
}

const FACT_OPTION = { account: 'the credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID)', region: '--region', endpoint: '--endpoint' } as const;

/**
 * The refusal of a run aimed at another network than the workdir's: both sides, the facts that
 * decide, and the ways forward.
 */
export function targetMismatch(workdir: string, recorded: Pick<Target, 'accountId' | 'region' | 'endpoint'>, now: RunTarget, differences: Extract<TargetVerdict, { same: false }>['differences'], vpcId?: string): UsageError {
  const describe = (t: Pick<Target, 'accountId' | 'region' | 'endpoint'>) =>
    `account ${t.accountId || '(not recorded)'}, region ${t.region}, ${t.endpoint ? `emulator ${t.endpoint}` : 'real AWS'}`;
  const back = differences
    .map((d) => (d.fact === 'region' ? `--region ${d.recorded}` : d.fact === 'endpoint' ? (recorded.endpoint ? `--endpoint ${recorded.endpoint}` : 'no --endpoint (real AWS)') : `credentials of account ${d.recorded}`))
    .join(' and ');
  const problems: InputProblem[] = differences.map((d) => ({
    option: d.fact === 'account' ? 'AWS credentials' : FACT_OPTION[d.fact],
    message: `the workdir's network is in ${d.fact} ${d.recorded}; this run is aimed at ${d.now}`,
  }));
  problems.push({
    option: '--workdir',
    message: [
      `"${workdir}" is bound to the network it applied: ${describe(recorded)}. This run is aimed at ${describe(now)}.`,
      `  What decides: the account id (from STS) and the region; with an emulator, whose every instance answers with the same account id, the endpoint too, unless the workdir's VPC${vpcId ? ` (${vpcId})` : ''} is found at the new one.`,
      `  Either run again with the recorded ones (${back}), or give the other network a workdir of its own (--workdir .net-wizard/<name>).`,
    ].join('\n'),
  });
  return new UsageError(problems);
}

/** The options of verify, outputs and destroy that must agree with the recorded answers (the contract). */
export function recordedConflicts(record: WorkdirRecord, given: Partial<NetworkConfig>, origin: Partial<Record<keyof NetworkConfig, string>>, command: string): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const [key, value] of Object.entries(given) as [keyof NetworkConfig, unknown][]) {
    if (key === 'workdir' || value === undefined) continue;
    const recorded = record.config[key];
    // The needs are a set: `--needs logs,ecr-pull` is the network applied with ecr-pull,logs.
    const same = (a: unknown, b: unknown) => JSON.stringify(key === 'needs' && Array.isArray(a) && Array.isArray(b) ? [...a].sort() : a) === JSON.stringify(key === 'needs' && Array.isArray(b) ? [...b].sort() : b);
    if (same(recorded, value)) continue;
    const q = question(key);
    const shown = (v: unknown) => (v === undefined ? '(none)' : Array.isArray(v) ? v.join(',') : String(v));
    problems.push({
      option: origin[key] ?? q.flag,
      message: `the workdir's network was applied with ${shown(recorded)}, and ${command} acts on it as applied: give ${recorded === undefined ? `no ${q.flag}` : `${q.flag} ${shown(recorded)}`}, or leave it out. To change the network, run apply with ${q.flag} ${shown(value)}`,
    });
  }
  return problems;
}
