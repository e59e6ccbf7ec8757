#!/usr/bin/env python3
"""The S3 side of team state, by hand (boto3, not net-wizard's code), for end-to-end tests.
  s3-state.py --endpoint URL --region R create-bucket BUCKET
  s3-state.py --endpoint URL --region R list BUCKET          -> [{"key", "size"}, ...]
  s3-state.py --endpoint URL --region R get BUCKET KEY       -> the object's body (text)
Only loopback endpoints are accepted; credentials are dummies.
"""
import argparse
import ipaddress
import json
import sys
from urllib.parse import urlparse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("action", choices=["create-bucket", "list", "get"])
    parser.add_argument("bucket")
    parser.add_argument("key", nargs="?")
    args = parser.parse_args()
    host = urlparse(args.endpoint).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        sys.exit(f"s3-state: refusing non-loopback endpoint {args.endpoint!r}")
    import boto3

    s3 = boto3.client("s3", endpoint_url=args.endpoint, region_name=args.region,
                      aws_access_key_id="test", aws_secret_access_key="test")
    if args.action == "create-bucket":
        extra = {} if args.region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": args.region}}
        s3.create_bucket(Bucket=args.bucket, **extra)
        print("{}")
    elif args.action == "list":
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=args.bucket)
        print(json.dumps([{"key": o["Key"], "size": o["Size"]} for page in pages for o in page.get("Contents", [])]))
    else:
        sys.stdout.write(s3.get_object(Bucket=args.bucket, Key=args.key)["Body"].read().decode("utf-8"))


if __name__ == "__main__":
    main()
