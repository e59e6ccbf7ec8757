/**
 * The Terraform JSON document as plain HCL a user can own (`synth --hcl`, the way out of cdktf):
 * files split by what they hold, references as expressions, nested blocks as blocks, laid out the
 * way `terraform fmt` lays them out. Pure: no I/O, no cdktf.
 */

/** The Terraform JSON document (cdk.tf.json). */
export type TerraformJson = {
  terraform: Record<string, unknown>;
  provider: Record<string, unknown[]>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown; description?: string }>;
  [key: string]: unknown;
};

/** The files of the HCL project, in the order they are best read. */
export const HCL_FILES = ['main.tf', 'variables.tf', 'security.tf', 'nat.tf', 'nacl.tf', 'endpoints.tf', 'outputs.tf'] as const;
export type HclFile = (typeof HCL_FILES)[number];

/** Written even when they hold nothing: where a reader looks first. */
const ALWAYS: readonly HclFile[] = ['main.tf', 'variables.tf', 'outputs.tf'];

/** Where each resource type goes (main.tf for any other); a route to a NAT Gateway goes to nat.tf, the endpoints' security group to endpoints.tf. */
const FILE_OF_TYPE: Record<string, HclFile> = {
  aws_security_group: 'security.tf',
  aws_security_group_rule: 'security.tf',
  aws_vpc_security_group_ingress_rule: 'security.tf',
  aws_vpc_security_group_egress_rule: 'security.tf',
  aws_eip: 'nat.tf',
  aws_nat_gateway: 'nat.tf',
  aws_network_acl: 'nacl.tf',
  aws_network_acl_rule: 'nacl.tf',
  aws_network_acl_association: 'nacl.tf',
  aws_vpc_endpoint: 'endpoints.tf',
};

/** The order of resource types within a file: what a resource refers to comes before it; other types follow, by name. */
const TYPE_ORDER: Partial<Record<HclFile, string[]>> = {
  'main.tf': ['aws_vpc', 'aws_internet_gateway', 'aws_subnet', 'aws_route_table', 'aws_route', 'aws_route_table_association', 'aws_default_security_group'],
  'nat.tf': ['aws_eip', 'aws_nat_gateway', 'aws_route'],
  'nacl.tf': ['aws_network_acl', 'aws_network_acl_rule', 'aws_network_acl_association'],
  'endpoints.tf': ['aws_security_group', 'aws_vpc_endpoint'],
};

/** Object values that are blocks in JSON (the rest of the nested blocks come as lists of objects). */
const OBJECT_BLOCKS = new Set(['lifecycle', 'timeouts']);
/** Meta-arguments written first, and last, in a resource. */
const FIRST = ['count', 'for_each', 'provider'];
const LAST = ['depends_on', 'lifecycle'];
/** A one-line list longer than this is written one item a line. */
const LIST_WIDTH = 80;

/** How the strings of a part of the document read: as JSON templates (`${…}` interpolates), or literally (the terraform block, variable defaults). */
type Strings = 'template' | 'literal';

/** One argument or nested block of a body, rendered; lines are relative to the body's indentation. */
type Item = { kind: 'attr'; key: string; lines: string[] } | { kind: 'block'; lines: string[] };

/**
 * Render the Terraform JSON document as HCL files (name → content): main.tf (terraform settings,
 * provider, VPC, gateway, subnets, route tables, the default security group), variables.tf,
 * security.tf, nat.tf, nacl.tf, endpoints.tf and outputs.tf; a file with nothing to hold is left
 * out, but for main.tf, variables.tf and outputs.tf. Import blocks sit just before the resource they import.
 */
export function terraformJsonToHcl(json: TerraformJson): Record<string, string> {
  const blocks = new Map<HclFile, string[][]>(HCL_FILES.map((f) => [f, []]));
  const add = (file: HclFile, lines: string[]) => blocks.get(file)!.push(lines);
  const known = new Set(['//', 'terraform', 'provider', 'variable', 'resource', 'data', 'locals', 'module', 'moved', 'import', 'output']);
  const unknown = Object.keys(json).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new Error(`net-wizard writes no HCL for the top-level ${unknown.map((k) => JSON.stringify(k)).join(', ')} of the Terraform JSON`);

  if (json.terraform && Object.keys(json.terraform).length > 0) add('main.tf', terraformBlock(json.terraform));

  // The default provider's region becomes var.region, unless the document has a region variable of its own.
  const variables = (json.variable ?? {}) as Record<string, Record<string, unknown>>;
  let region: string | undefined;
  for (const [name, configs] of Object.entries(json.provider ?? {})) {
    for (const config of asList(configs) as Record<string, unknown>[]) {
      let settings = config;
      if (region === undefined && !('region' in variables) && config.alias === undefined && typeof config.region === 'string' && !config.region.includes('${')) {
        region = config.region;
        settings = { ...config, region: '${var.region}' };
      }
      add('main.tf', block(`provider ${label(name)}`, resourceBody(settings)));
    }
  }
  if (region !== undefined) {
    add('variables.tf', block('variable "region"', body([[attr('description', [quoted('The AWS region the network is in', 'literal')]), attr('type', ['string']), attr('default', [quoted(region, 'literal')])]])));
  }
  for (const [name, v] of Object.entries(variables)) add('variables.tf', block(`variable ${label(name)}`, variableBody(v)));

  const locals = entries((json.locals ?? {}) as Record<string, unknown>);
  if (locals.length > 0) add('main.tf', block('locals', attributes(locals.map(([name, value]) => attr(name, expr(value, 'template'))))));
  for (const [type, byName] of Object.entries((json.data ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [name, config] of Object.entries(byName)) add('main.tf', block(`data ${label(type)} ${label(name)}`, resourceBody(config)));
  }
  for (const [name, config] of Object.entries((json.module ?? {}) as Record<string, Record<string, unknown>>)) {
    add('main.tf', block(`module ${label(name)}`, resourceBody(config)));
  }

  // Imports by the address they import to, to sit beside that resource.
  const imports = new Map<string, Record<string, unknown>[]>();
  for (const i of asList(json.import) as Record<string, unknown>[]) {
    const to = reference(String(i.to));
    const at = to.replace(/\[.*$/, '');
    imports.set(at, [...(imports.get(at) ?? []), i]);
  }
  const importBlock = (i: Record<string, unknown>) =>
    block('import', body([[attr('to', [reference(String(i.to))]), attr('id', expr(i.id, 'template')), ...(i.provider === undefined ? [] : [attr('provider', [reference(String(i.provider))])])]]));

  const resources = json.resource ?? {};
  const endpointGroups = endpointSecurityGroups(resources);
  const placed = Object.entries(resources).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, config]) => ({ type, name, config, file: fileOf(type, config, endpointGroups.has(`${type}.${name}`)) })),
  );
  const rank = (file: HclFile, type: string) => {
    const order = TYPE_ORDER[file] ?? [];
    return order.includes(type) ? order.indexOf(type) : order.length;
  };
  placed.sort((a, b) => rank(a.file, a.type) - rank(b.file, b.type) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)); // stable: names in JSON order
  for (const { type, name, config, file } of placed) {
    const address = `${type}.${name}`;
    for (const i of imports.get(address) ?? []) add(file, importBlock(i));
    imports.delete(address);
    add(file, block(`resource ${label(type)} ${label(name)}`, resourceBody(config)));
  }
  // An import of an address the document does not make (terraform will say so) still is written.
  for (const rest of imports.values()) for (const i of rest) add('main.tf', importBlock(i));

  for (const m of asList(json.moved) as Record<string, unknown>[]) {
    add('main.tf', block('moved', body([[attr('from', [reference(String(m.from))]), attr('to', [reference(String(m.to))])]])));
  }

  for (const [name, o] of Object.entries(json.output ?? {})) add('outputs.tf', block(`output ${label(name)}`, outputBody(o as Record<string, unknown>)));

  const files: Record<string, string> = {};
  for (const file of HCL_FILES) {
    const content = blocks.get(file)!;
    if (content.length === 0 && !ALWAYS.includes(file)) continue;
    files[file] = content.length === 0 ? '' : `${content.map((lines) => lines.join('\n')).join('\n\n')}\n`;
  }
  return files;
}

/** The file a resource goes to. */
function fileOf(type: string, config: Record<string, unknown>, endpointGroup: boolean): HclFile {
  if (type === 'aws_route' && config.nat_gateway_id !== undefined && config.nat_gateway_id !== null) return 'nat.tf';
  if (type === 'aws_security_group' && endpointGroup) return 'endpoints.tf';
  return FILE_OF_TYPE[type] ?? 'main.tf';
}

/** The security groups the VPC endpoints use (and nothing else is known to): they belong with the endpoints. */
function endpointSecurityGroups(resources: TerraformJson['resource']): Set<string> {
  const found = new Set<string>();
  for (const endpoint of Object.values(resources.aws_vpc_endpoint ?? {})) {
    for (const id of asList(endpoint.security_group_ids)) {
      const m = typeof id === 'string' ? /^\$\{(aws_security_group\.[A-Za-z0-9_-]+)\.id\}$/.exec(id) : null;
      if (m) found.add(m[1]!);
    }
  }
  return found;
}

// --- the terraform block, whose values are all literal -------------------------------------------

function terraformBlock(settings: Record<string, unknown>): string[] {
  const plain: Item[] = [];
  const nested: { key: string; item: Item }[] = [];
  for (const [key, value] of entries(settings)) {
    if (key === 'required_providers' && isObject(value)) {
      const providers = entries(value).map(([name, req]) => attr(name, expr(isObject(req) ? withSource(req) : req, 'literal')));
      nested.push({ key, item: blockItem(block('required_providers', body([providers]))) });
    } else if (key === 'backend' && isObject(value)) {
      for (const [type, config] of entries(value)) {
        nested.push({ key, item: blockItem(block(`backend ${label(type)}`, attributes(entries(isObject(config) ? config : {}).map(([k, v]) => attr(k, expr(v, 'literal')))))) });
      }
    } else if (isObject(value)) {
      nested.push({ key, item: blockItem(block(key, literalBlockBody(value))) }); // cloud { workspaces { … } }
    } else {
      plain.push(attr(key, expr(value, 'literal')));
    }
  }
  // The providers first, as terraform's documentation writes them, then where the state is.
  const order = (key: string) => (key === 'required_providers' ? 0 : 1);
  nested.sort((a, b) => order(a.key) - order(b.key));
  return block('terraform', body([plain, ...nested.map((n) => [n.item])]));
}

/** Arguments alone: the one-line ones together, each multi-line one apart. */
function attributes(items: Item[]): string[] {
  return body([items.filter((i) => i.lines.length === 1), ...items.filter((i) => i.lines.length > 1).map((i) => [i])]);
}

/** A provider requirement with its source in full: `aws` is `hashicorp/aws`. */
function withSource(req: Record<string, unknown>): Record<string, unknown> {
  const source = req.source;
  return typeof source === 'string' && !source.includes('/') ? { ...req, source: `hashicorp/${source}` } : req;
}

function literalBlockBody(value: Record<string, unknown>): string[] {
  const attrs: Item[] = [];
  const blocks: Item[] = [];
  for (const [k, v] of entries(value)) {
    if (isObject(v)) blocks.push(blockItem(block(k, literalBlockBody(v))));
    else attrs.push(attr(k, expr(v, 'literal')));
  }
  return body([attrs.filter((i) => i.lines.length === 1), ...attrs.filter((i) => i.lines.length > 1).map((i) => [i]), ...blocks.map((b) => [b])]);
}

// --- resources, providers, data sources, modules -------------------------------------------------

/**
 * The body of a resource (or provider, data source, module): nulls left out, lists of objects as
 * nested blocks (an empty list stays an attribute: `ingress = []` means no rules), meta-arguments
 * as references; one-line arguments first, then blocks, then multi-line arguments (tags).
 */
function resourceBody(config: Record<string, unknown>): string[] {
  const first: Item[] = [];
  const oneLine: Item[] = [];
  const blocks: { key: string; item: Item }[] = [];
  const multiLine: Item[] = [];
  const last: Item[] = [];
  for (const [key, value] of entries(config)) {
    if (value === null || value === undefined) continue;
    if (key === 'depends_on') {
      last.push(attr(key, list(asList(value).map((r) => [reference(String(r))]))));
    } else if (key === 'provider') {
      first.push(attr(key, [reference(String(value))]));
    } else if (key === 'lifecycle' && isObject(value)) {
      last.push(blockItem(block(key, lifecycleBody(value))));
    } else if (Array.isArray(value) && value.length > 0 && value.every(isObject)) {
      for (const element of value) blocks.push({ key, item: blockItem(block(key, resourceBody(element))) });
    } else if (isObject(value) && OBJECT_BLOCKS.has(key)) {
      blocks.push({ key, item: blockItem(block(key, resourceBody(value))) });
    } else {
      const item = attr(key, expr(value, 'template'));
      (FIRST.includes(key) ? first : item.lines.length === 1 ? oneLine : multiLine).push(item);
    }
  }
  // Rules read best inbound first.
  const order = (key: string) => (key === 'ingress' ? 0 : key === 'egress' ? 1 : 2);
  blocks.sort((a, b) => order(a.key) - order(b.key));
  last.sort((a, b) => LAST.indexOf(keyOf(a)) - LAST.indexOf(keyOf(b)));
  return body([first, oneLine, ...blocks.map((b) => [b.item]), ...multiLine.map((m) => [m]), ...last.map((l) => [l])]);
}

function lifecycleBody(value: Record<string, unknown>): string[] {
  const items = entries(value)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => (k === 'ignore_changes' || k === 'replace_triggered_by') && Array.isArray(v) ? attr(k, list(v.map((r) => [reference(String(r))]))) : attr(k, expr(v, 'template')));
  return body([items]);
}

function variableBody(v: Record<string, unknown>): string[] {
  const items: Item[] = [];
  for (const [k, value] of entries(v)) {
    if (value === undefined) continue;
    if (k === 'type' && typeof value === 'string') items.push(attr(k, [value])); // a type expression: string, list(string)
    else items.push(attr(k, expr(value, 'literal')));
  }
  return body([items]);
}

function outputBody(o: Record<string, unknown>): string[] {
  const rank = (key: string) => (OUTPUT_ORDER.includes(key) ? OUTPUT_ORDER.indexOf(key) : OUTPUT_ORDER.length);
  const items = entries(o)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([k, v]) => (k === 'depends_on' ? attr(k, list(asList(v).map((r) => [reference(String(r))]))) : attr(k, expr(v, 'template'))));
  return assignments(items);
}

const OUTPUT_ORDER = ['description', 'value', 'sensitive', 'depends_on'];

// --- layout ---------------------------------------------------------------------------------------

/** `header {` … `}`, the body indented two spaces; an empty body is `header {}`. */
function block(header: string, bodyLines: string[]): string[] {
  if (bodyLines.length === 0) return [`${header} {}`];
  return [`${header} {`, ...indent(bodyLines), '}'];
}

const blockItem = (lines: string[]): Item => ({ kind: 'block', lines });
const attr = (key: string, lines: string[]): Item => ({ kind: 'attr', key: objectKey(key), lines });
const keyOf = (item: Item) => (item.kind === 'attr' ? item.key : (item.lines[0] ?? '').split(' ')[0]!);

/** Groups of items with a blank line between groups; `=` aligned as terraform fmt aligns it. */
function body(groups: Item[][]): string[] {
  const out: string[] = [];
  for (const group of groups.filter((g) => g.length > 0)) {
    if (out.length > 0) out.push('');
    out.push(...assignments(group));
  }
  return out;
}

/**
 * Items one after the other, each run of one-line arguments with its `=` in one column: terraform
 * fmt's rule, where a line that opens a bracket, a blank line or a block ends the run.
 */
function assignments(items: Item[]): string[] {
  const out: string[] = [];
  let run: { key: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((r) => columns(r.key)));
    for (const r of run) out.push(`${r.key}${' '.repeat(width - columns(r.key))} = ${r.value}`);
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'attr' && item.lines.length === 1) {
      run.push({ key: item.key, value: item.lines[0]! });
      continue;
    }
    flush();
    if (item.kind === 'attr') out.push(`${item.key} = ${item.lines[0]}`, ...item.lines.slice(1));
    else out.push(...item.lines);
  }
  flush();
  return out;
}

/** The width terraform fmt counts: characters, not bytes. */
const columns = (text: string) => [...text].length;

const indent = (lines: string[]) => lines.map((l) => (l === '' ? '' : `  ${l}`));

// --- values ---------------------------------------------------------------------------------------

/** A JSON value as an HCL expression (one line, or several with the inner ones indented). */
function expr(value: unknown, strings: Strings): string[] {
  if (value === null || value === undefined) return ['null'];
  if (typeof value === 'string') return [quoted(value, strings)];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return list(value.map((v) => expr(v, strings)));
  if (isObject(value)) {
    const items = entries(value).map(([k, v]) => attr(k, expr(v, strings)));
    return items.length === 0 ? ['{}'] : ['{', ...indent(assignments(items)), '}'];
  }
  throw new Error(`no HCL for a ${typeof value} value`);
}

/** A list on one line when it is short and flat, else one item a line with trailing commas. */
function list(items: string[][]): string[] {
  if (items.length === 0) return ['[]'];
  if (items.every((i) => i.length === 1)) {
    const line = `[${items.map((i) => i[0]).join(', ')}]`;
    if (columns(line) <= LIST_WIDTH) return [line];
  }
  return ['[', ...indent(items.flatMap((i) => [...i.slice(0, -1), `${i[i.length - 1]},`])), ']'];
}

/** An object key: bare when it is an identifier HCL would not read as something else, else quoted. */
function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !['true', 'false', 'null', 'for', 'in', 'if'].includes(key) ? key : quoted(key, 'literal');
}

/** A block label: always quoted. */
const label = (name: string) => quoted(name, 'literal');

/**
 * A JSON string as HCL. In a template context the string is a Terraform JSON template: exactly
 * `${expr}` becomes the bare expression, interpolations inside other text stay, and the text
 * around them (JSON's `$${` and `%%{` being a literal `${` and `%{`) is escaped. Literally, every
 * character is text. net-wizard writes no `%{…}` directives: a `%{` is text, escaped.
 */
export function quoted(value: string, strings: Strings): string {
  if (strings === 'literal') return `"${escapeText(value)}"`;
  const parts = templateParts(value);
  if (parts.length === 1 && parts[0]!.kind === 'interpolation') return parts[0]!.text.slice(2, -1).trim();
  return `"${parts.map((p) => (p.kind === 'interpolation' ? p.text : escapeText(p.text))).join('')}"`;
}

/** Text as the inside of an HCL quoted string: backslash, quote and control characters escaped, `${` and `%{` doubled. */
export function escapeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out.replace(/([$%])\{/g, (_all, sign: string) => `${sign}${sign}{`);
}

type TemplatePart = { kind: 'text' | 'interpolation'; text: string };

/** A Terraform JSON template split into its literal text and its `${…}` interpolations. */
function templateParts(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i) || value.startsWith('%%{', i)) {
      text += value.slice(i + 1, i + 3);
      i += 3;
    } else if (value.startsWith('${', i) && interpolationEnd(value, i) !== undefined) {
      const end = interpolationEnd(value, i)!;
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'interpolation', text: value.slice(i, end) });
      i = end;
    } else {
      text += value[i];
      i++;
    }
  }
  if (text !== '' || parts.length === 0) parts.push({ kind: 'text', text });
  return parts;
}

/** The index after the `}` that closes the `${` (or `%{`) at `start`, skipping braces in quoted strings; undefined when none does. */
function interpolationEnd(s: string, start: number): number | undefined {
  let depth = 0;
  let i = start + 2;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      const end = stringEnd(s, i);
      if (end === undefined) return undefined;
      i = end;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i + 1;
      depth--;
    }
    i++;
  }
  return undefined;
}

/** The index after the quote that closes the string at `start` (inside an interpolation). */
function stringEnd(s: string, start: number): number | undefined {
  let i = start + 1;
  while (i < s.length) {
    if (s[i] === '\\') i += 2;
    else if (s[i] === '"') return i + 1;
    else if (s.startsWith('$${', i) || s.startsWith('%%{', i)) i += 3;
    else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      const end = interpolationEnd(s, i);
      if (end === undefined) return undefined;
      i = end;
    } else i++;
  }
  return undefined;
}

/** A reference (`depends_on`, an import's `to`, `provider`) as a bare expression, given plain or as `${…}`. */
function reference(value: string): string {
  const ref = /^\$\{([\s\S]*)\}$/.exec(value)?.[1]?.trim() ?? value;
  if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\])*$/.test(ref)) throw new Error(`${JSON.stringify(value)} is no reference net-wizard can write as HCL`);
  return ref;
}

// --- helpers --------------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** An object's entries without cdktf's `//` metadata. */
const entries = (value: Record<string, unknown>) => Object.entries(value).filter(([k]) => !k.startsWith('//'));
