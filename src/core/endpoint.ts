/**
 * The emulator endpoint (--endpoint): where every AWS call goes, and whether plain http is safe
 * for it. Plain http is for the user's own machine or network (loopback, private addresses, a
 * single-label name such as `moto` in docker compose); anything else needs https. Pure.
 */

/** How far a host is: this machine, the user's own network, or anywhere else. */
export type HostReach = 'loopback' | 'private' | 'public';

/** A parsed endpoint URL: its origin (what the stack and the SDK get), or what is wrong and a good value. */
export type EndpointParse = { ok: true; origin: string; reach: HostReach } | { ok: false; message: string };

/** Where `hostname` (as URL.hostname gives it: lowercase, IPv6 in brackets) is. */
export function hostReach(hostname: string): HostReach {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost') return 'loopback';
  const v4 = ipv4(host) ?? mappedIpv4(host);
  if (v4) {
    const [a, b] = v4;
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
    return 'public';
  }
  if (host.includes(':')) {
    const words = ipv6(host);
    if (!words) return 'public';
    if (words.every((w, i) => w === (i === 7 ? 1 : 0))) return 'loopback';
    if ((words[0]! & 0xfe00) === 0xfc00) return 'private'; // fc00::/7, unique local addresses
    return 'public';
  }
  // A name without a dot is resolved on the user's own network (a docker compose service, a hosts entry).
  return host.includes('.') ? 'public' : 'private';
}

/** Parse and check an emulator URL: scheme, host and port only; plain http only to a loopback or private host. */
export function parseEndpoint(text: string): EndpointParse {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text}" is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: `"${text}" is not an http or https URL` };
  if (url.username || url.password) return { ok: false, message: `"${text}" holds a user name or password; give only scheme, host and port` };
  if (url.pathname !== '/' || url.search || url.hash) return { ok: false, message: `"${text}" has a path; give only scheme, host and port` };
  // URL accepts hosts such as a${b}c; the generated configuration must never hold template syntax.
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)$/.test(url.hostname)) return { ok: false, message: `"${url.hostname}" is not a host name (letters, digits, dots, hyphens) or an IP address` };
  const reach = hostReach(url.hostname);
  if (url.protocol === 'http:' && reach === 'public') {
    return {
      ok: false,
      message: `"${text}" would send every AWS call, signed with credentials, over plain http to ${url.hostname}, which is not a loopback or private address: use https (https://${url.host}), or an emulator on this machine or your own network (http://127.0.0.1:5000)`,
    };
  }
  return { ok: true, origin: url.origin, reach };
}

function ipv4(host: string): [number, number, number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number) as [number, number, number, number];
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** ::ffff:a.b.c.d and ::ffff:hhhh:hhhh (how URL writes it) are IPv4 addresses. */
function mappedIpv4(host: string): [number, number, number, number] | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  if (dotted) return ipv4(dotted[1]!);
  const words = host.includes(':') ? ipv6(host) : undefined;
  if (!words || !words.slice(0, 5).every((w) => w === 0) || words[5] !== 0xffff) return undefined;
  return [words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff];
}

/** The eight 16-bit words of an IPv6 address (hex words, one `::`), or undefined. */
function ipv6(host: string): number[] | undefined {
  const halves = host.split('::');
  if (halves.length > 2) return undefined;
  const words = (s: string) => (s === '' ? [] : s.split(':'));
  const head = words(halves[0]!);
  const tail = halves.length === 2 ? words(halves[1]!) : [];
  if (![...head, ...tail].every((w) => /^[0-9a-f]{1,4}$/i.test(w))) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((w) => parseInt(w, 16));
}
