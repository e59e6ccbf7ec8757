"""What every boto3 helper of the tests shares: they talk to a loopback emulator only, with dummy
credentials, so that no test can ever reach real AWS."""
import ipaddress
import sys
from urllib.parse import urlparse


def loopback_only(endpoint, tool):
    """Exit with a message unless `endpoint` is on this machine's loopback."""
    host = urlparse(endpoint).hostname or ""
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = host == "localhost"
    if not ok:
        sys.exit(f"{tool}: refusing non-loopback endpoint {endpoint!r}")


def client(service, endpoint, region):
    """A boto3 client of `service` at the loopback `endpoint`, with dummy credentials."""
    import boto3

    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        aws_session_token=None,
    )
