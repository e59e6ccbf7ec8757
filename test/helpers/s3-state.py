#!/usr/bin/env python3
"""The S3 side of team state, by hand (boto3, not net-wizard's code), for end-to-end tests.
  s3-state.py --endpoint URL --region R create-bucket BUCKET
  s3-state.py --endpoint URL --region R list BUCKET          -> [{"key", "size"}, ...]
  s3-state.py --endpoint URL --region R get BUCKET KEY       -> the object's body (text)
Only loopback endpoints are accepted; credentials are dummies.
"""
import argparse
import json
import sys

import loopback_aws


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("action", choices=["create-bucket", "list", "get"])
    parser.add_argument("bucket")
    parser.add_argument("key", nargs="?")
    args = parser.parse_args()
    loopback_aws.loopback_only(args.endpoint, "s3-state")
    s3 = loopback_aws.client("s3", args.endpoint, args.region)
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
