#!/usr/bin/env python3
"""Independent AWS client (boto3) for net-wizard's end-to-end tests.

Reads what exists in an emulator (moto) and prints it as JSON on stdout.
  aws-inspect.py network --endpoint URL --region R --project P --env E
  aws-inspect.py tagged  --endpoint URL --region R --project P [--env E]
Only loopback endpoints are accepted; credentials are dummies.
"""
import argparse
import json
import os
import sys

import loopback_aws


def client(args, service):
    return loopback_aws.client(service, args.endpoint, args.region)


def tags(obj):
    return {t["Key"]: t["Value"] for t in obj.get("Tags") or obj.get("TagSet") or []}


def tag_filters(args):
    f = [{"Name": "tag:Project", "Values": [args.project]}]
    if args.env:
        f.append({"Name": "tag:Environment", "Values": [args.env]})
    return f


def merge(*lists, key):
    seen, out = set(), []
    for item in (i for lst in lists for i in lst):
        if item[key] not in seen:
            seen.add(item[key])
            out.append(item)
    return out


def sg_rules(perms):
    rules = []
    for p in perms:
        base = {
            "protocol": p.get("IpProtocol"),
            "fromPort": p.get("FromPort"),
            "toPort": p.get("ToPort"),
        }
        sources = (
            [("cidr", r["CidrIp"], r) for r in p.get("IpRanges", [])]
            + [("ipv6Cidr", r["CidrIpv6"], r) for r in p.get("Ipv6Ranges", [])]
            + [("groupId", r["GroupId"], r) for r in p.get("UserIdGroupPairs", [])]
            + [("prefixListId", r["PrefixListId"], r) for r in p.get("PrefixListIds", [])]
        )
        for kind, value, r in sources:
            rule = dict(base, cidr=None, ipv6Cidr=None, groupId=None, prefixListId=None)
            rule[kind] = value
            rule["description"] = r.get("Description")
            rules.append(rule)
    return rules


def network(args):
    ec2 = client(args, "ec2")
    tf = tag_filters(args)

    vpcs_raw = ec2.describe_vpcs(Filters=tf)["Vpcs"]
    vpc_ids = [v["VpcId"] for v in vpcs_raw]
    in_vpcs = [{"Name": "vpc-id", "Values": vpc_ids}]

    def in_vpc(describe, key, extra):
        return describe(Filters=in_vpcs + extra)[key] if vpc_ids else []

    vpcs = []
    for v in vpcs_raw:
        attr = lambda a, k: ec2.describe_vpc_attribute(VpcId=v["VpcId"], Attribute=a)[k]["Value"]
        vpcs.append({
            "id": v["VpcId"],
            "cidr": v["CidrBlock"],
            "state": v.get("State"),
            "enableDnsSupport": attr("enableDnsSupport", "EnableDnsSupport"),
            "enableDnsHostnames": attr("enableDnsHostnames", "EnableDnsHostnames"),
            "tags": tags(v),
        })

    subnets_raw = ec2.describe_subnets(Filters=tf)["Subnets"]
    subnets = [{
        "id": s["SubnetId"], "vpcId": s["VpcId"], "cidr": s["CidrBlock"],
        "az": s["AvailabilityZone"], "mapPublicIpOnLaunch": s.get("MapPublicIpOnLaunch"),
        "tags": tags(s),
    } for s in subnets_raw]

    igws = [{
        "id": g["InternetGatewayId"],
        "attachments": [{"vpcId": a["VpcId"], "state": a.get("State")} for a in g.get("Attachments", [])],
        "tags": tags(g),
    } for g in ec2.describe_internet_gateways(Filters=tf)["InternetGateways"]]

    rts_raw = merge(
        ec2.describe_route_tables(Filters=tf)["RouteTables"],
        in_vpc(ec2.describe_route_tables, "RouteTables", [{"Name": "association.main", "Values": ["true"]}]),
        key="RouteTableId",
    )
    route_tables = [{
        "id": t["RouteTableId"],
        "vpcId": t["VpcId"],
        "main": any(a.get("Main") for a in t.get("Associations", [])),
        "routes": [{
            "destination": r.get("DestinationCidrBlock") or r.get("DestinationIpv6CidrBlock") or r.get("DestinationPrefixListId"),
            "gatewayId": r.get("GatewayId"),
            "natGatewayId": r.get("NatGatewayId"),
            "target": r.get("NatGatewayId") or r.get("GatewayId") or r.get("TransitGatewayId")
            or r.get("VpcPeeringConnectionId") or r.get("NetworkInterfaceId") or r.get("InstanceId"),
            "state": r.get("State"),
            "origin": r.get("Origin"),
        } for r in t.get("Routes", [])],
        "associations": [{
            "id": a.get("RouteTableAssociationId"), "subnetId": a.get("SubnetId"),
            "gatewayId": a.get("GatewayId"), "main": bool(a.get("Main")),
        } for a in t.get("Associations", [])],
        "tags": tags(t),
    } for t in rts_raw]

    sgs_raw = merge(
        ec2.describe_security_groups(Filters=tf)["SecurityGroups"],
        in_vpc(ec2.describe_security_groups, "SecurityGroups", [{"Name": "group-name", "Values": ["default"]}]),
        key="GroupId",
    )
    security_groups = [{
        "id": g["GroupId"], "name": g["GroupName"], "description": g.get("Description"),
        "vpcId": g.get("VpcId"), "isDefault": g["GroupName"] == "default",
        "ingress": sg_rules(g.get("IpPermissions", [])),
        "egress": sg_rules(g.get("IpPermissionsEgress", [])),
        "tags": tags(g),
    } for g in sgs_raw]

    nat_gateways = [{
        "id": n["NatGatewayId"], "state": n["State"], "subnetId": n.get("SubnetId"),
        "vpcId": n.get("VpcId"), "connectivityType": n.get("ConnectivityType"),
        "allocationIds": [a["AllocationId"] for a in n.get("NatGatewayAddresses", []) if a.get("AllocationId")],
        "publicIps": [a["PublicIp"] for a in n.get("NatGatewayAddresses", []) if a.get("PublicIp")],
        "tags": tags(n),
    } for n in ec2.describe_nat_gateways(Filters=tf)["NatGateways"]]

    eips = [{
        "allocationId": a.get("AllocationId"), "publicIp": a.get("PublicIp"), "domain": a.get("Domain"),
        "associationId": a.get("AssociationId"), "networkInterfaceId": a.get("NetworkInterfaceId"),
        "tags": tags(a),
    } for a in ec2.describe_addresses(Filters=tf)["Addresses"]]

    acls_raw = merge(
        ec2.describe_network_acls(Filters=tf)["NetworkAcls"],
        in_vpc(ec2.describe_network_acls, "NetworkAcls", [{"Name": "default", "Values": ["true"]}]),
        key="NetworkAclId",
    )
    network_acls = [{
        "id": n["NetworkAclId"], "vpcId": n["VpcId"], "isDefault": bool(n.get("IsDefault")),
        "entries": [{
            "ruleNumber": e["RuleNumber"], "egress": e["Egress"], "protocol": e["Protocol"],
            "action": e["RuleAction"], "cidr": e.get("CidrBlock"), "ipv6Cidr": e.get("Ipv6CidrBlock"),
            "fromPort": (e.get("PortRange") or {}).get("From"), "toPort": (e.get("PortRange") or {}).get("To"),
        } for e in n.get("Entries", [])],
        "associations": [{"id": a.get("NetworkAclAssociationId"), "subnetId": a.get("SubnetId")}
                         for a in n.get("Associations", [])],
        "tags": tags(n),
    } for n in acls_raw]

    vpc_endpoints = [{
        "id": e["VpcEndpointId"], "vpcId": e.get("VpcId"), "serviceName": e.get("ServiceName"),
        "type": e.get("VpcEndpointType"), "state": e.get("State"),
        "subnetIds": e.get("SubnetIds", []), "routeTableIds": e.get("RouteTableIds", []),
        "securityGroupIds": [g["GroupId"] for g in e.get("Groups", [])],
        "privateDnsEnabled": e.get("PrivateDnsEnabled"), "tags": tags(e),
    } for e in ec2.describe_vpc_endpoints(Filters=tf)["VpcEndpoints"]]

    # Resources inside the project's VPCs that lack the project/env tags (defaults excluded).
    listed = {x["id"] for x in subnets + route_tables + security_groups + network_acls}
    untagged = []
    for kind, describe, key, idk in [
        ("subnet", ec2.describe_subnets, "Subnets", "SubnetId"),
        ("route-table", ec2.describe_route_tables, "RouteTables", "RouteTableId"),
        ("security-group", ec2.describe_security_groups, "SecurityGroups", "GroupId"),
        ("network-acl", ec2.describe_network_acls, "NetworkAcls", "NetworkAclId"),
    ]:
        for x in in_vpc(describe, key, []):
            if x[idk] not in listed:
                untagged.append({"kind": kind, "id": x[idk]})

    return {
        "vpcs": vpcs, "subnets": subnets, "internetGateways": igws, "routeTables": route_tables,
        "securityGroups": security_groups, "natGateways": nat_gateways, "elasticIps": eips,
        "networkAcls": network_acls, "vpcEndpoints": vpc_endpoints, "untaggedInVpcs": untagged,
    }


def tagged(args):
    """Everything that still exists and carries the project's tags (deleted NAT gateways/endpoints excluded)."""
    ec2 = client(args, "ec2")
    tf = tag_filters(args)
    gone = {"deleted", "deleting", "failed"}
    found = []

    def ours(t):
        # moto does not honour every tag filter (DescribeNatGateways takes `Filter`): compare here too.
        return t.get("Project") == args.project and (not args.env or t.get("Environment") == args.env)

    def add(kind, items, idk, state=lambda x: None):
        for x in items:
            if (state(x) or "").lower() not in gone and ours(tags(x)):
                found.append({"kind": kind, "id": x[idk], "state": state(x), "tags": tags(x)})

    add("vpc", ec2.describe_vpcs(Filters=tf)["Vpcs"], "VpcId")
    add("subnet", ec2.describe_subnets(Filters=tf)["Subnets"], "SubnetId")
    add("internet-gateway", ec2.describe_internet_gateways(Filters=tf)["InternetGateways"], "InternetGatewayId")
    add("route-table", ec2.describe_route_tables(Filters=tf)["RouteTables"], "RouteTableId")
    add("security-group", ec2.describe_security_groups(Filters=tf)["SecurityGroups"], "GroupId")
    add("nat-gateway", ec2.describe_nat_gateways(Filters=tf)["NatGateways"], "NatGatewayId", lambda x: x.get("State"))
    add("elastic-ip", ec2.describe_addresses(Filters=tf)["Addresses"], "AllocationId")
    add("network-acl", ec2.describe_network_acls(Filters=tf)["NetworkAcls"], "NetworkAclId")
    add("vpc-endpoint", ec2.describe_vpc_endpoints(Filters=tf)["VpcEndpoints"], "VpcEndpointId", lambda x: x.get("State"))
    add("flow-log", ec2.describe_flow_logs(Filter=tf)["FlowLogs"], "FlowLogId")
    # Other services (log groups, buckets...) through the tagging API, where the emulator has it.
    try:
        tag_api = client(args, "resourcegroupstaggingapi")
        filters = [{"Key": "Project", "Values": [args.project]}]
        if args.env:
            filters.append({"Key": "Environment", "Values": [args.env]})
        for page in tag_api.get_paginator("get_resources").paginate(TagFilters=filters):
            for m in page["ResourceTagMappingList"]:
                arn = m["ResourceARN"]
                if arn.split(":")[2] != "ec2":  # ec2 is listed above, without the deleted ones
                    found.append({"kind": arn.split(":")[2], "id": arn, "state": None, "tags": tags(m)})
    except Exception as e:  # noqa: BLE001 - the emulator may not implement it
        print(f"aws-inspect: tagging API unavailable: {e}", file=sys.stderr)
    return found



def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["network", "tagged"])
    p.add_argument("--endpoint", required=True)
    p.add_argument("--region", required=True)
    p.add_argument("--project", required=True)
    p.add_argument("--env")
    args = p.parse_args()
    loopback_aws.loopback_only(args.endpoint, "aws-inspect")
    for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE"):
        os.environ.pop(k, None)
    os.environ.update(AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
                      AWS_EC2_METADATA_DISABLED="true", NO_PROXY="127.0.0.1,localhost,::1")
    result = {"network": network, "tagged": tagged}[args.command](args)
    json.dump(result, sys.stdout, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
