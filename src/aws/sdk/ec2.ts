/**
 * The parts of the AWS SDK's EC2 client net-wizard calls, imported by name so that the bundle
 * holds these and not the client's ~700 commands (loading the whole client cost verify most of
 * a second). Import this module lazily (`await import`), never at start-up.
 */
export {
  EC2Client,
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  paginateDescribeFlowLogs,
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
