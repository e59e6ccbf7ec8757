import { describe, expect, it } from 'vitest';
import { synthesized as synth } from '../helpers/stack.js';

describe('the state backend in the synthesized configuration', () => {
  it('without a state bucket: the local backend in the workdir, terraform 1.5+', async () => {
    const { json } = await synth({});
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(json.terraform.required_version).toBe('>= 1.5.0');
  });

  it('with a state bucket: S3, encrypted, S3 native locking, no DynamoDB; credentials left to the environment', async () => {
    const { json } = await synth({ stateBucket: 'acme-terraform-state', region: 'us-east-1' });
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'acme-terraform-state',
        key: 'net-wizard/shop-dev/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
    // use_lockfile came with terraform 1.10.
    expect(json.terraform.required_version).toBe('>= 1.10.0');
  });

  it('key and region as given', async () => {
    const { json } = await synth({ stateBucket: 'acme-terraform-state', stateKey: 'net/shop.tfstate', stateRegion: 'eu-west-1' });
    expect(json.terraform.backend).toMatchObject({ s3: { key: 'net/shop.tfstate', region: 'eu-west-1' } });
  });

  it('with an emulator: the backend talks to it alone, path-style, with the dummy credentials', async () => {
    const endpoint = 'http://127.0.0.1:5000';
    const { json } = await synth({ stateBucket: 'team-state', endpoint });
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'team-state',
        key: 'net-wizard/shop-dev/terraform.tfstate',
        region: 'ap-northeast-1',
        encrypt: true,
        use_lockfile: true,
        endpoints: { s3: endpoint, sts: endpoint, iam: endpoint },
        use_path_style: true,
        access_key: 'test',
        secret_key: 'test',
        skip_credentials_validation: true,
        skip_region_validation: true,
        skip_metadata_api_check: true,
      },
    });
    const backend = (json.terraform.backend as { s3: Record<string, unknown> }).s3;
    expect(backend).not.toHaveProperty('dynamodb_table');
    expect(backend).not.toHaveProperty('skip_requesting_account_id');
  });

  it('an emulator without a state bucket changes nothing about the backend', async () => {
    const { json } = await synth({ endpoint: 'http://127.0.0.1:5000' });
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  it('the HCL rendering carries the same backend block', async () => {
    const { hclFiles } = await synth({ stateBucket: 'team-state', endpoint: 'http://127.0.0.1:5000' }, { hcl: true });
    const main = hclFiles!['main.tf']!;
    // terraform fmt aligns the `=` of neighbouring arguments: compare with single spaces.
    const block = (/backend "s3" \{\n([\s\S]*?)\n {2}\}/.exec(main)?.[1] ?? '').replace(/ +=/g, ' =');
    for (const line of ['bucket = "team-state"', 'key = "net-wizard/shop-dev/terraform.tfstate"', 'encrypt = true', 'use_lockfile = true', 'use_path_style = true', 's3 = "http://127.0.0.1:5000"']) {
      expect(block).toContain(line);
    }
    expect(main).toContain('required_version = ">= 1.10.0"');
  });
});
