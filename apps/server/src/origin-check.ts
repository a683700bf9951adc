import { isIP } from 'node:net';
import type { ErrorBody } from '@talkoot/protocol';
import type { MiddlewareHandler } from 'hono';

/** Which browser origins may drive this server (sync sockets and state-changing calls). */
export interface OriginPolicy {
  /** Origins allowed besides the server's own (`https://host[:port]`, compared exactly). */
  allowedOrigins: readonly string[];
  /** `PUBLIC_URL`: when set, its origin is the server's own and the Host header is not trusted. */
  publicUrl: string | undefined;
}

/**
 * Whether a browser's `Origin` may act on this server. The server's own origin is
 * `PUBLIC_URL` when set. Without it (a laptop at a venue, local development) a page whose
 * origin equals the request's `Host` passes only when that Host is an IP literal or
 * `localhost`: in a DNS-rebinding attack the attacker's page and the request both carry
 * the attacker's domain name, which then resolves to this server, so a Host that is a
 * domain name proves nothing. `ALLOWED_ORIGINS` are allowed either way.
 */
export function originAllowed(origin: string, host: string | undefined, policy: OriginPolicy): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null"
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (policy.allowedOrigins.includes(url.origin)) return true;
  if (policy.publicUrl) return new URL(policy.publicUrl).origin === url.origin;
  if (!host) return false;
  let hostUrl: URL;
  try {
    // Normalised the same way as the origin (default ports dropped, lower case).
    hostUrl = new URL(`${url.protocol}//${host}`);
  } catch {
    return false; // a malformed Host header matches nothing
  }
  return hostUrl.host === url.host && isLiteralHost(hostUrl.hostname);
}

/** An IPv4 or IPv6 literal (`[::1]` as URL writes it) or `localhost`: no DNS answer involved. */
function isLiteralHost(hostname: string): boolean {
  return hostname === 'localhost' || isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing HTTP call (POST, PUT, PATCH, DELETE) that a browser page of
 * another origin sends, with 403 `forbidden-origin`, before anything else is done for it.
 * Calls without an `Origin` (scripts, curl) are not from a browser page and pass.
 */
export function originGuard(policy: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin === undefined || originAllowed(origin, c.req.header('host'), policy)) return next();
    return c.json<ErrorBody>(
      { error: 'forbidden-origin', message: 'Pages of this origin may not change boards.' },
      403,
    );
  };
}
