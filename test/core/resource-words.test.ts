/** Terraform addresses of the generated project in plain words, for the apply progress. */
import { describe, expect, it } from 'vitest';
import { duration, resourceNames, resourceWords } from '../../src/core/resource-words.js';

const azs = ['ap-northeast-1a', 'ap-northeast-1c'];
describe('resourceWords', () => {
  it.each([
    ['aws_vpc.main', 'VPC (shop-dev-vpc)'],
    ['aws_internet_gateway.main', 'internet gateway'],
    ['aws_subnet.public_a', 'public subnet in ap-northeast-1a'],
    ['aws_subnet.private_c', 'private subnet in ap-northeast-1c'],
    ['aws_route_table.public', 'public route table'],
    ['aws_route_table.private_c', 'private route table in ap-northeast-1c'],
    ['aws_route_table_association.private_c', 'private subnet in ap-northeast-1c ↔ its route table'],
    ['aws_route.public_internet', 'route to the internet gateway (public subnets)'],
    ['aws_route.private_nat_c', 'route to the internet, private route table in ap-northeast-1c'],
    ['aws_eip.nat_a', 'Elastic IP of the NAT in ap-northeast-1a'],
    ['aws_nat_gateway.main_a', 'NAT Gateway in ap-northeast-1a (shop-dev-nat-a)'],
    ['aws_security_group.ecs', 'ECS tasks security group'],
    ['aws_default_security_group.default', "the VPC's default security group"],
    ['aws_network_acl.private', 'private network ACL'],
    ['aws_network_acl_association.public_a', 'public network ACL ↔ subnet in ap-northeast-1a'],
    ['aws_vpc_endpoint.s3', 'S3 gateway endpoint'],
    ['aws_vpc_endpoint.ecr_api', 'ecr.api interface endpoint'],
    ['aws_flow_log.main', 'flow log main'],
    ['aws_subnet.private_d', 'private subnet'],
    ['terraform_data.slow', 'terraform_data.slow'],
  ])('%s → %s', (address, words) => {
    expect(resourceWords(address, { azs, names: { 'aws_vpc.main': 'shop-dev-vpc', 'aws_nat_gateway.main_a': 'shop-dev-nat-a' } })).toBe(words);
  });

  it('takes the Name tags from a synthesized project, leaving out interpolations', () => {
    expect(resourceNames({ resource: { aws_vpc: { main: { tags: { Name: 'shop-dev-vpc' } } }, aws_eip: { nat_a: { tags: { Name: '${var.x}' } } }, aws_route: { r: {} } } })).toEqual({ 'aws_vpc.main': 'shop-dev-vpc' });
  });

  it.each([
    [0, '0s'],
    [59.4, '59s'],
    [72, '1m12s'],
    [3600 + 125, '1h02m'],
  ])('duration(%d) = %s', (s, text) => expect(duration(s)).toBe(text));
});
