#!/usr/bin/env python3
"""Changes an emulator's AWS by hand (boto3), the way a person in the console would, for tests
that check what net-wizard does with a network someone touched.
  aws-change.py --endpoint URL --region R ACTION JSON_ARGS
ACTION is an EC2 API call in snake case (create_route, delete_route, authorize_security_group_ingress, ...)
and JSON_ARGS its keyword arguments. Only loopback endpoints are accepted; credentials are dummies.
"""
import argparse
import json

import loopback_aws

ALLOWED = {
    "create_route", "delete_route", "replace_route",
    "authorize_security_group_ingress", "revoke_security_group_ingress",
    "create_security_group", "create_network_acl_entry", "delete_network_acl_entry",
    "allocate_address", "create_vpc", "delete_vpc",
    "delete_nat_gateway", "release_address",
    "create_nat_gateway", "create_network_interface", "delete_network_interface",
    # Reads, for tests that look at AWS through boto3 rather than through the code under test.
    "describe_vpcs", "describe_subnets", "describe_security_groups", "describe_nat_gateways",
    "describe_route_tables", "describe_network_acls", "describe_internet_gateways", "describe_vpc_endpoints",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("action", choices=sorted(ALLOWED))
    parser.add_argument("kwargs")
    args = parser.parse_args()
    loopback_aws.loopback_only(args.endpoint, "aws-change")
    ec2 = loopback_aws.client("ec2", args.endpoint, args.region)
    result = getattr(ec2, args.action)(**json.loads(args.kwargs))
    result.pop("ResponseMetadata", None)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
