/**
 * Terraform's machine-readable UI (`-json`): one JSON object a line, turned into TerraformEvent.
 * Pure: no I/O. Format: https://developer.hashicorp.com/terraform/internals/machine-readable-ui
 */
import type { ChangeSummary, Diagnostic, ResourceAction, TerraformEvent } from '../core/terraform-events.js';
import { majorOf, UI_MAJOR } from '../core/versions.js';


// Terraform's action names, mapped to ours ("remove" is terraform's name for forget).
const ACTIONS: Record<string, ResourceAction> = {
  create: 'create',
  read: 'read',
  update: 'update',
  replace: 'replace',
  delete: 'delete',
  noop: 'noop',
  move: 'move',
  import: 'import',
  remove: 'forget',
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Parses one line of terraform's `-json` output; undefined for non-JSON lines and message types we do not use. */
export function parseUiLine(line: string): TerraformEvent | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(msg)) return undefined;

  switch (msg.type) {
    case 'version':
      return parseVersion(msg);
    case 'log':
      return { type: 'log', level: str(msg['@level']) ?? 'info', message: str(msg['@message']) ?? '' };
    case 'diagnostic':
      return isObject(msg.diagnostic) ? { type: 'diagnostic', diagnostic: parseDiagnostic(msg.diagnostic) } : undefined;
    case 'planned_change':
    case 'resource_drift': {
      const change = isObject(msg.change) ? msg.change : {};
      const resource = resourceOf(change);
      const action = ACTIONS[String(change.action)];
      if (!resource || !action) return undefined;
      const importing = isObject(change.importing) ? str(change.importing.id) : undefined;
      return { type: msg.type, address: resource.address, action, resourceType: resource.type, ...(importing !== undefined && msg.type === 'planned_change' ? { importing } : {}) };
    }
    case 'change_summary':
      return parseChangeSummary(msg);
    case 'apply_start':
    case 'apply_progress':
    case 'apply_complete':
    case 'apply_errored':
      return parseApplyHook(msg.type, msg);
    case 'refresh_start':
    case 'refresh_complete': {
      const hook = isObject(msg.hook) ? msg.hook : {};
      const resource = resourceOf(hook);
      if (!resource) return undefined;
      const id = str(hook.id_value);
      return {
        type: msg.type === 'refresh_start' ? 'refresh_started' : 'refresh_complete',
        address: resource.address,
        ...(id !== undefined && { id }),
      };
    }
    case 'outputs':
      return parseOutputs(msg);
    default:
      return undefined;
  }
}

function parseVersion(msg: Json): TerraformEvent {
  const ui = str(msg.ui) ?? '';
  if (majorOf(ui) !== UI_MAJOR) {
    throw new Error(
      `terraform's machine-readable UI is version ${ui || '(missing)'}, but net-wizard reads version ${UI_MAJOR}.x only; ` +
        `use a terraform release that speaks UI ${UI_MAJOR}.x (terraform 1.x, OpenTofu 1.x).`,
    );
  }
  return { type: 'version', terraform: str(msg.terraform) ?? '', ui };
}

function resourceOf(hookOrChange: Json): { address: string; type: string } | undefined {
  const resource = hookOrChange.resource;
  if (!isObject(resource)) return undefined;
  const address = str(resource.addr);
  return address ? { address, type: str(resource.resource_type) ?? '' } : undefined;
}

function parseApplyHook(
  kind: 'apply_start' | 'apply_progress' | 'apply_complete' | 'apply_errored',
  msg: Json,
): TerraformEvent | undefined {
  const hook = isObject(msg.hook) ? msg.hook : {};
  const resource = resourceOf(hook);
  const action = ACTIONS[String(hook.action)];
  if (!resource || !action) return undefined;
  const { address } = resource;
  const elapsedSeconds = num(hook.elapsed_seconds);
  switch (kind) {
    case 'apply_start':
      return { type: 'resource_started', address, action, resourceType: resource.type };
    case 'apply_progress':
      return { type: 'resource_progress', address, action, elapsedSeconds };
    case 'apply_complete': {
      const id = str(hook.id_value);
      return { type: 'resource_complete', address, action, elapsedSeconds, ...(id !== undefined && { id }) };
    }
    case 'apply_errored':
      return { type: 'resource_errored', address, action, elapsedSeconds };
  }
}

function parseChangeSummary(msg: Json): TerraformEvent | undefined {
  const changes = isObject(msg.changes) ? msg.changes : undefined;
  if (!changes) return undefined;
  const op = changes.operation;
  const operation = op === 'apply' || op === 'destroy' ? op : 'plan';
  // Terraform calls destroyed resources "remove".
  const summary: ChangeSummary = { add: num(changes.add), change: num(changes.change), destroy: num(changes.remove), ...(num(changes.import) > 0 ? { import: num(changes.import) } : {}) };
  return { type: 'change_summary', operation, summary };
}

function parseOutputs(msg: Json): TerraformEvent | undefined {
  if (!isObject(msg.outputs)) return undefined;
  const outputs: Record<string, { value: unknown; sensitive: boolean }> = {};
  for (const [name, o] of Object.entries(msg.outputs)) {
    if (isObject(o)) outputs[name] = { value: o.value, sensitive: o.sensitive === true };
  }
  return { type: 'outputs', outputs };
}

/** Turns terraform's diagnostic object into a Diagnostic, keeping its text as terraform wrote it. */
export function parseDiagnostic(d: Json): Diagnostic {
  const snippet = isObject(d.snippet) ? d.snippet : {};
  const address = str(d.address) ?? addressFromContext(str(snippet.context));
  return {
    severity: d.severity === 'warning' ? 'warning' : 'error',
    summary: str(d.summary) ?? '',
    detail: str(d.detail) ?? '',
    ...(address !== undefined && { address }),
  };
}

/**
 * The resource a snippet's context names: `resource "aws_vpc" "main"` (HCL) or
 * `resource.aws_vpc.main` (JSON config, as CDKTF writes) → aws_vpc.main; data sources get `data.`.
 */
export function addressFromContext(context: string | undefined): string | undefined {
  if (!context) return undefined;
  const m =
    /^(resource|data)\s+"([^"]+)"\s+"([^"]+)"/.exec(context) ?? /^(resource|data)\.([\w-]+)\.([\w-]+)/.exec(context);
  if (!m) return undefined;
  const [, kind, type, name] = m;
  return kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
}

/** Splits a byte or text stream into lines, whatever the chunk boundaries (UTF-8 safe); call end() at EOF. */
export function createLineSplitter(onLine: (line: string) => void): {
  push(chunk: string | Uint8Array): void;
  end(): void;
} {
  const decoder = new TextDecoder();
  let rest = '';
  const flush = (text: string): void => {
    rest += text;
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      onLine(rest.slice(0, nl).replace(/\r$/, ''));
      rest = rest.slice(nl + 1);
    }
  };
  return {
    push(chunk) {
      flush(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      flush(decoder.decode());
      if (rest !== '') onLine(rest.replace(/\r$/, ''));
      rest = '';
    },
  };
}
