// The bridge's gate: which Host/Origin/token may open a WebSocket, and which targets labs may use.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** A fresh secret per launch; the served page carries it, as Vite's dev server does. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares tokens in constant time. Both sides are hashed first so that timingSafeEqual gets
 * equal lengths and the comparison leaks neither content nor length.
 */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** True for 127.0.0.0/8, ::1, IPv4-mapped 127/8 and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) {
    if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped !== null && mapped[1]!.startsWith('127.');
  }
  return false;
}

/** Resolves the one name we accept to an address, so sockets never do a DNS lookup. */
export function loopbackAddress(host: string): string {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' ? '127.0.0.1' : h;
}

/** Refusal text for a target that is not loopback. */
export function notLoopbackMessage(host: string): string {
  return (
    `refused: ${JSON.stringify(host)} is not a loopback address. Socket Lab only opens sockets on ` +
    'this machine (127.0.0.1, ::1 or localhost), so it cannot be used to reach other hosts.'
  );
}

export interface Gate {
  /** Host header values accepted, e.g. `127.0.0.1:5173`. */
  hosts: Set<string>;
  /** Origin header values accepted, e.g. `http://127.0.0.1:5173`. */
  origins: Set<string>;
  token: string;
}

/**
 * The Host and Origin values a browser uses for this bridge. Checking Host defeats DNS
 * rebinding (an attacker's name resolving to 127.0.0.1 still sends its own Host).
 */
export function makeGate(bindHost: string, port: number, token: string): Gate {
  const names = new Set<string>([bindHost.includes(':') ? `[${bindHost}]` : bindHost]);
  if (isLoopbackHost(bindHost) || bindHost === '0.0.0.0' || bindHost === '::') {
    for (const n of ['127.0.0.1', 'localhost', '[::1]']) names.add(n);
  }
  const hosts = new Set([...names].map((n) => `${n}:${port}`));
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  return { hosts, origins, token };
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** Decides an upgrade request before any WebSocket exists: Host, then Origin, then token. */
export function checkUpgrade(
  headers: { host?: string | undefined; origin?: string | undefined },
  token: string | null,
  gate: Gate,
): Verdict {
  const host = headers.host?.toLowerCase();
  if (!host || !gate.hosts.has(host)) {
    return { ok: false, status: 403, reason: `Host ${JSON.stringify(headers.host ?? '')} is not this bridge` };
  }
  // Browsers always send Origin on a WebSocket upgrade; a missing one is a non-browser client,
  // which the token alone must then authorise.
  if (headers.origin !== undefined && !gate.origins.has(headers.origin.toLowerCase())) {
    return { ok: false, status: 403, reason: `Origin ${JSON.stringify(headers.origin)} is not allowed` };
  }
  if (!tokenMatches(token, gate.token)) {
    return { ok: false, status: 401, reason: 'missing or wrong session token: reload the page' };
  }
  return { ok: true };
}
