import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectNetwork, taggedResources } from '../helpers/aws-inspect.js';
import { motoAvailable, pythonCommand, startMoto, type Moto } from '../helpers/moto.js';

const hasMoto = await motoAvailable();
const region = 'us-east-1';

/** Creates a tagged VPC with plain boto3 (not the inspector, not the project). */
async function createVpc(endpoint: string, project: string, env: string, cidr: string): Promise<string> {
  const script = `
import sys, boto3
ep, project, env, cidr = sys.argv[1:]
ec2 = boto3.client('ec2', endpoint_url=ep, region_name='${region}', aws_access_key_id='test', aws_secret_access_key='test')
tags = [{'Key': 'Project', 'Value': project}, {'Key': 'Environment', 'Value': env}, {'Key': 'Name', 'Value': project + '-vpc'}]
vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[{'ResourceType': 'vpc', 'Tags': tags}])['Vpc']['VpcId']
ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={'Value': True})
ec2.create_subnet(VpcId=vpc, CidrBlock=cidr.replace('0.0/16', '1.0/24'), AvailabilityZone='${region}a',
                  TagSpecifications=[{'ResourceType': 'subnet', 'Tags': tags}])
print(vpc)
`;
  const r = await execa(pythonCommand(), ['-c', script, endpoint, project, env, cidr]);
  return r.stdout.trim();
}

async function deleteVpc(endpoint: string, vpcId: string): Promise<void> {
  const script = `
import sys, boto3
ec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='${region}', aws_access_key_id='test', aws_secret_access_key='test')
for s in ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [sys.argv[2]]}])['Subnets']:
    ec2.delete_subnet(SubnetId=s['SubnetId'])
ec2.delete_vpc(VpcId=sys.argv[2])
`;
  await execa(pythonCommand(), ['-c', script, endpoint, vpcId]);
}

describe.skipIf(!hasMoto)('aws-inspect', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('sees a VPC made with boto3, its defaults, and nothing of another project', async () => {
    const vpcId = await createVpc(moto.endpoint, 'harness', 'dev', '10.20.0.0/16');
    await createVpc(moto.endpoint, 'other', 'dev', '10.30.0.0/16');
    const snap = await inspectNetwork({ endpoint: moto.endpoint, region, project: 'harness', env: 'dev' });

    expect(snap.vpcs).toEqual([
      {
        id: vpcId,
        cidr: '10.20.0.0/16',
        state: 'available',
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Project: 'harness', Environment: 'dev', Name: 'harness-vpc' },
      },
    ]);
    expect(snap.subnets).toEqual([expect.objectContaining({ vpcId, cidr: '10.20.1.0/24', az: `${region}a` })]);
    expect(snap.securityGroups).toEqual([expect.objectContaining({ vpcId, isDefault: true, name: 'default' })]);
    expect(snap.securityGroups[0]?.egress).toContainEqual(expect.objectContaining({ protocol: '-1', cidr: '0.0.0.0/0' }));
    expect(snap.networkAcls).toEqual([expect.objectContaining({ vpcId, isDefault: true })]);
    expect(snap.routeTables).toEqual([expect.objectContaining({ vpcId, main: true })]);
    expect(snap.routeTables[0]?.routes).toContainEqual(expect.objectContaining({ destination: '10.20.0.0/16', gatewayId: 'local' }));
    expect(snap.natGateways).toEqual([]);
    expect(snap.untaggedInVpcs).toEqual([]);

    expect(await inspectNetwork({ endpoint: moto.endpoint, region, project: 'harness', env: 'prod' })).toMatchObject({ vpcs: [], subnets: [] });

    const tagged = await taggedResources({ endpoint: moto.endpoint, region, project: 'harness' });
    expect(tagged.map((t) => t.kind).sort()).toEqual(['subnet', 'vpc']);

    await deleteVpc(moto.endpoint, vpcId);
    expect(await taggedResources({ endpoint: moto.endpoint, region, project: 'harness', env: 'dev' })).toEqual([]);
  });

  it('refuses an endpoint that is not on loopback', async () => {
    await expect(inspectNetwork({ endpoint: 'http://192.0.2.1:5000', region, project: 'x', env: 'y' })).rejects.toThrow(/non-loopback/);
  });
});
