#!/usr/bin/env python3
"""Changes an emulator's AWS by hand (boto3), the way a person in the console would, for tests
that check what net-wizard does with a network someone touched.
  aws-change.py --endpoint URL --region R ACTION JSON_ARGS
ACTION is an EC2 API call in snake case (create_route, delete_route, authorize_security_group_ingress, ...)
and JSON_ARGS its keyword arguments. Only loopback endpoints are accepted; credentials are dummies.
"""
import argparse
import ipaddress
import json
import sys
from urllib.parse import urlparse

ALLOWED = {
    "create_route", "delete_route", "replace_route",
    "authorize_security_group_ingress", "revoke_security_group_ingress",
    "create_security_group", "create_network_acl_entry", "delete_network_acl_entry",
    "allocate_address", "create_vpc",
    "delete_nat_gateway", "release_address",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("action", choices=sorted(ALLOWED))
    parser.add_argument("kwargs")
    args = parser.parse_args()
    host = urlparse(args.endpoint).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        sys.exit(f"aws-change: refusing non-loopback endpoint {args.endpoint!r}")
    import boto3

    ec2 = boto3.client("ec2", endpoint_url=args.endpoint, region_name=args.region,
                       aws_access_key_id="test", aws_secret_access_key="test")
    result = getattr(ec2, args.action)(**json.loads(args.kwargs))
    result.pop("ResponseMetadata", None)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
