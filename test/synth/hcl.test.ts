import { describe, expect, it } from 'vitest';
import { terraformJsonToHcl, type TerraformJson } from '../../src/synth/hcl.js';
import { synthesized } from '../helpers/stack.js';

/** A document of these resources (and other top-level parts), with the usual terraform settings and provider. */
function doc(resource: TerraformJson['resource'], rest: Partial<TerraformJson> = {}): TerraformJson {
  return {
    terraform: { required_providers: { aws: { source: 'aws', version: '>= 5.100.0, < 7.0.0' } }, backend: { local: { path: 'terraform.tfstate' } }, required_version: '>= 1.5.0' },
    provider: { aws: [{ region: 'ap-northeast-1' }] },
    resource,
    output: {},
    ...rest,
  };
}

/** All files as one text, for what does not care where a line is. */
const all = (files: Record<string, string>) => Object.values(files).join('\n');

/** The right-hand side of `key = …` in the one resource's body, `=` alignment ignored. */
function valueOf(files: Record<string, string>, key: string): string | undefined {
  return new RegExp(`^  ${key} += (.*)$`, 'm').exec(all(files))?.[1];
}

describe('strings: references bare, templates kept, everything else escaped for HCL', () => {
  it.each([
    ['plain text', 'web tier', '"web tier"'],
    ['a double quote', 'say "hi"', String.raw`"say \"hi\""`],
    ['a backslash', String.raw`C:\net`, String.raw`"C:\\net"`],
    ['a newline and a tab', 'one\ntwo\tthree', String.raw`"one\ntwo\tthree"`],
    ['a control character', 'bell\u0007', String.raw`"bell\u0007"`],
    ['a literal ${ (JSON spells it $${)', 'cost $${x}', '"cost $${x}"'],
    ['a literal %{ (no directive is meant)', '100%{x}', '"100%%{x}"'],
    ['a literal %{ spelt %%{', 'a %%{b}', '"a %%{b}"'],
    ['a ${ that never closes', 'a${b', '"a$${b"'],
    ['text that is not ASCII', "net/a b$x{y}'é", `"net/a b$x{y}'é"`],
    ['exactly one reference', '${aws_vpc.main.id}', 'aws_vpc.main.id'],
    ['an expression with a brace in a string', '${join("}", var.names)}', 'join("}", var.names)'],
    ['a reference inside text', 'arn:${aws_vpc.main.arn}/x', '"arn:${aws_vpc.main.arn}/x"'],
    ['a reference inside quoted text', 'a "${aws_vpc.main.id}" \\ b', '"a \\"${aws_vpc.main.id}\\" \\\\ b"'],
    ['two references', '${aws_vpc.main.id}-${aws_vpc.main.arn}', '"${aws_vpc.main.id}-${aws_vpc.main.arn}"'],
  ])('%s', (_what, value, hcl) => {
    const files = terraformJsonToHcl(doc({ aws_vpc: { main: { cidr_block: '10.0.0.0/16', description: value } } }));
    expect(valueOf(files, 'description')).toBe(hcl);
  });

  it('the terraform block is literal: ${ and %{ in a backend setting are text, escaped', () => {
    const files = terraformJsonToHcl(doc({}, { terraform: { backend: { s3: { bucket: 'b-1', key: 'a${x}%{y}"\\' } } } }));
    expect(files['main.tf']).toContain('    key    = "a$${x}%%{y}\\"\\\\"\n');
  });

  it('references of meta-arguments and imports are bare, given plain or as ${…}', () => {
    const files = terraformJsonToHcl(
      doc(
        { aws_nat_gateway: { main_a: { subnet_id: '${aws_subnet.public_a.id}', depends_on: ['aws_internet_gateway.main', '${aws_eip.nat_a}'] } } },
        { import: [{ id: 'nat-0123', to: 'aws_nat_gateway.main_a' }] },
      ),
    );
    expect(files['nat.tf']).toContain('  depends_on = [aws_internet_gateway.main, aws_eip.nat_a]\n');
    expect(files['nat.tf']).toContain('import {\n  to = aws_nat_gateway.main_a\n  id = "nat-0123"\n}\n');
    expect(all(files)).not.toMatch(/"(\$\{)?aws_[a-z_]+\./);
  });

  it('refuses to write a reference that is none', () => {
    expect(() => terraformJsonToHcl(doc({ aws_vpc: { main: { depends_on: ['aws_subnet.a"; x'] } } }))).toThrow(/no reference/);
  });
});

describe('blocks and attributes', () => {
  const sg = {
    name: 'shop-dev-alb-sg',
    vpc_id: '${aws_vpc.main.id}',
    egress: [],
    ingress: [
      { cidr_blocks: ['0.0.0.0/0'], description: 'HTTPS', from_port: 443, protocol: 'tcp', to_port: 443, security_groups: null, self: null },
      { description: 'from the ALB', from_port: 80, protocol: 'tcp', to_port: 80, security_groups: ['${aws_security_group.alb.id}'] },
    ],
    tags: { Name: 'shop-dev-alb-sg', 'kubernetes.io/role': 'x', for: 'y' },
  };

  it('writes a resource the way terraform fmt does: aligned one-line arguments, then blocks, then tags', () => {
    expect(terraformJsonToHcl(doc({ aws_security_group: { alb: sg } }))['security.tf']).toBe(
      [
        'resource "aws_security_group" "alb" {',
        '  name   = "shop-dev-alb-sg"',
        '  vpc_id = aws_vpc.main.id',
        '  egress = []',
        '',
        '  ingress {',
        '    cidr_blocks = ["0.0.0.0/0"]',
        '    description = "HTTPS"',
        '    from_port   = 443',
        '    protocol    = "tcp"',
        '    to_port     = 443',
        '  }',
        '',
        '  ingress {',
        '    description     = "from the ALB"',
        '    from_port       = 80',
        '    protocol        = "tcp"',
        '    to_port         = 80',
        '    security_groups = [aws_security_group.alb.id]',
        '  }',
        '',
        '  tags = {',
        '    Name                 = "shop-dev-alb-sg"',
        '    "kubernetes.io/role" = "x"',
        '    "for"                = "y"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['an empty list of rules stays an attribute (no rules means none)', { aws_default_security_group: { default: { vpc_id: '${aws_vpc.main.id}', ingress: [], egress: [] } } }, ['  ingress = []\n', '  egress  = []\n']],
    ['a list of objects becomes blocks, nulls left out', { aws_network_acl: { public: { ingress: [{ action: 'allow', rule_no: 100, icmp_code: null }] } } }, ['  ingress {\n    action  = "allow"\n    rule_no = 100\n  }\n']],
    ['a map is an object attribute', { aws_vpc: { main: { tags: { Name: 'v' } } } }, ['  tags = {\n    Name = "v"\n  }\n']],
    ['an empty map stays one', { aws_vpc: { main: { tags: {} } } }, ['  tags = {}\n']],
    ['a short list of strings is one line', { aws_vpc_endpoint: { s3: { route_table_ids: ['${aws_route_table.a.id}', '${aws_route_table.b.id}'] } } }, ['  route_table_ids = [aws_route_table.a.id, aws_route_table.b.id]\n']],
    [
      'a long list is one item a line',
      { aws_vpc_endpoint: { s3: { route_table_ids: ['a', 'b', 'c'].map((z) => `\${aws_route_table.private_${z}_of_a_long_name.id}`) } } },
      ['  route_table_ids = [\n    aws_route_table.private_a_of_a_long_name.id,\n    aws_route_table.private_b_of_a_long_name.id,\n    aws_route_table.private_c_of_a_long_name.id,\n  ]\n'],
    ],
    ['a lifecycle object is a block', { aws_vpc: { main: { cidr_block: '10.0.0.0/16', lifecycle: { ignore_changes: ['tags'] } } } }, ['  lifecycle {\n    ignore_changes = [tags]\n  }\n']],
  ])('%s', (_what, resource, expected) => {
    const text = all(terraformJsonToHcl(doc(resource as TerraformJson['resource'])));
    for (const e of expected) expect(text).toContain(e);
  });

  it('the terraform block: required_version, the providers with their full source, then the backend', () => {
    expect(terraformJsonToHcl(doc({}))['main.tf']).toMatch(
      /^terraform \{\n {2}required_version = ">= 1\.5\.0"\n\n {2}required_providers \{\n {4}aws = \{\n {6}source {2}= "hashicorp\/aws"\n {6}version = ">= 5\.100\.0, < 7\.0\.0"\n {4}\}\n {2}\}\n\n {2}backend "local" \{\n {4}path = "terraform\.tfstate"\n {2}\}\n\}\n/,
    );
  });

  it('an s3 backend: its endpoints an object attribute, set apart from the aligned one-line settings', () => {
    const files = terraformJsonToHcl(doc({}, { terraform: { backend: { s3: { bucket: 'team-state', endpoints: { s3: 'http://127.0.0.1:5000' }, use_lockfile: true } } } }));
    expect(files['main.tf']).toContain('  backend "s3" {\n    bucket       = "team-state"\n    use_lockfile = true\n\n    endpoints = {\n      s3 = "http://127.0.0.1:5000"\n    }\n  }\n');
  });

  it('the provider: region from var.region (variables.tf), nested blocks as blocks', () => {
    const files = terraformJsonToHcl(
      doc({}, { provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['123456789012'], endpoints: [{ ec2: 'http://127.0.0.1:5000' }], assume_role: [{ role_arn: 'arn:aws:iam::123456789012:role/x' }] }] } }),
    );
    expect(files['main.tf']).toContain(
      'provider "aws" {\n  region              = var.region\n  allowed_account_ids = ["123456789012"]\n\n  endpoints {\n    ec2 = "http://127.0.0.1:5000"\n  }\n\n  assume_role {\n    role_arn = "arn:aws:iam::123456789012:role/x"\n  }\n}\n',
    );
    expect(files['variables.tf']).toBe('variable "region" {\n  description = "The AWS region the network is in"\n  type        = string\n  default     = "eu-west-1"\n}\n');
  });

  it('outputs: description, then the value as an expression', () => {
    const files = terraformJsonToHcl(doc({}, { output: { vpc_id: { value: '${aws_vpc.main.id}', description: 'ID of the VPC' }, ids: { value: { 'ecr.api': '${aws_vpc_endpoint.ecr_api.id}', s3: '${aws_vpc_endpoint.s3.id}' } } } }));
    expect(files['outputs.tf']).toBe(
      'output "vpc_id" {\n  description = "ID of the VPC"\n  value       = aws_vpc.main.id\n}\n\noutput "ids" {\n  value = {\n    "ecr.api" = aws_vpc_endpoint.ecr_api.id\n    s3        = aws_vpc_endpoint.s3.id\n  }\n}\n',
    );
  });
});

describe('where each resource goes', () => {
  it.each([
    ['aws_vpc', {}, 'main.tf'],
    ['aws_internet_gateway', {}, 'main.tf'],
    ['aws_subnet', {}, 'main.tf'],
    ['aws_route_table', {}, 'main.tf'],
    ['aws_route_table_association', {}, 'main.tf'],
    ['aws_route', { gateway_id: '${aws_internet_gateway.main.id}' }, 'main.tf'],
    ['aws_default_security_group', {}, 'main.tf'],
    ['aws_security_group', {}, 'security.tf'],
    ['aws_eip', {}, 'nat.tf'],
    ['aws_nat_gateway', {}, 'nat.tf'],
    ['aws_route', { nat_gateway_id: '${aws_nat_gateway.main_a.id}' }, 'nat.tf'],
    ['aws_network_acl', {}, 'nacl.tf'],
    ['aws_network_acl_association', {}, 'nacl.tf'],
    ['aws_vpc_endpoint', {}, 'endpoints.tf'],
    ['aws_flow_log', {}, 'main.tf'],
  ])('%s %j → %s', (type, config, file) => {
    const files = terraformJsonToHcl(doc({ [type]: { x: config } }));
    const holding = Object.entries(files).filter(([, text]) => text.includes(`resource "${type}" "x"`)).map(([name]) => name);
    expect(holding).toEqual([file]);
  });

  it("the endpoints' security group goes with the endpoints; the others to security.tf", () => {
    const files = terraformJsonToHcl(
      doc({ aws_security_group: { alb: {}, endpoints: {} }, aws_vpc_endpoint: { logs: { security_group_ids: ['${aws_security_group.endpoints.id}'] } } }),
    );
    expect(files['endpoints.tf']).toMatch(/resource "aws_security_group" "endpoints"[\s\S]*resource "aws_vpc_endpoint" "logs"/);
    expect(files['security.tf']).toContain('resource "aws_security_group" "alb"');
    expect(files['security.tf']).not.toContain('"endpoints"');
  });

  it('a file with nothing to hold is left out, but main.tf, variables.tf and outputs.tf', () => {
    expect(Object.keys(terraformJsonToHcl(doc({ aws_vpc: { main: {} } }))).sort()).toEqual(['main.tf', 'outputs.tf', 'variables.tf']);
  });

  it('an import block sits just before the resource it imports, in its file', () => {
    const files = terraformJsonToHcl(
      doc({ aws_security_group: { alb: { name: 'a' }, ecs: { name: 'e' } } }, { import: [{ id: 'sg-0ecs', to: 'aws_security_group.ecs' }, { id: 'vpc-1', to: 'aws_vpc.gone' }] }),
    );
    expect(files['security.tf']).toContain('}\n\nimport {\n  to = aws_security_group.ecs\n  id = "sg-0ecs"\n}\n\nresource "aws_security_group" "ecs" {');
    // One for an address the document does not make is written still (terraform will say what is wrong).
    expect(files['main.tf']).toContain('import {\n  to = aws_vpc.gone\n  id = "vpc-1"\n}');
  });

  it('refuses a part of the document it has no HCL for, rather than leave it out', () => {
    expect(() => terraformJsonToHcl(doc({}, { check: { x: {} } }))).toThrow(/"check"/);
  });
});

describe('the stacks net-wizard makes, as HCL', () => {
  it.each([
    ['the defaults', {}],
    ['--nat per-az --nacl custom --needs ecr-pull,logs', { nat: 'per-az', nacl: 'custom', needs: 'ecr-pull,logs' }],
    ['--nat none --needs ecr-pull,logs (interface endpoints)', { nat: 'none', needs: 'ecr-pull,logs' }],
    ['--state-bucket my-bucket', { stateBucket: 'my-bucket' }],
  ])('%s: every resource and output exactly once, laid out as terraform fmt lays it out', async (_what, answers) => {
    const { json, hclFiles } = await synthesized(answers, { hcl: true });
    const files = hclFiles!;
    const text = all(files);
    const addresses = Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `resource "${type}" "${name}" {`));
    for (const header of addresses) expect(text.split(header).length - 1, header).toBe(1);
    expect(text.match(/^resource /gm)).toHaveLength(addresses.length);
    expect(files['outputs.tf']!.match(/^output /gm)).toHaveLength(Object.keys(json.output).length);
    // References only, never a string holding one.
    expect(text).not.toContain('"${');
    for (const [name, content] of Object.entries(files)) {
      expect(content, name).not.toMatch(/[ \t]$/m);
      expect(content, name).not.toMatch(/\n\n\n/);
      for (const line of content.split('\n')) expect(/^( *)/.exec(line)![1]!.length % 2, `${name}: ${line}`).toBe(0);
    }
    expect(files['main.tf']).toContain('  region = var.region\n');
    expect(files['variables.tf']).toContain('  default     = "ap-northeast-1"\n');
  });

  it('with a state bucket, main.tf holds the s3 backend', async () => {
    const { hclFiles } = await synthesized({ stateBucket: 'my-bucket' }, { hcl: true });
    expect(hclFiles!['main.tf']).toMatch(/ {2}backend "s3" \{\n {4}bucket {7}= "my-bucket"\n/);
    expect(Object.keys(hclFiles!).sort()).toEqual(['main.tf', 'outputs.tf', 'security.tf', 'variables.tf']);
  });
});
