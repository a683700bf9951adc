/** Who a socket is, as the server knows it. */
export interface PresenceIdentity {
  readonly id: string;
  readonly displayName: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Sets, in an awareness state a socket publishes, who it is: the member id and display name
 * the server knows (in `user` and in tldraw's presence record), whatever the client claimed.
 * Anything that is not an object becomes an empty presence of that member.
 */
export function stampPresence(identity: PresenceIdentity): (state: unknown) => unknown {
  return (state) => {
    const base = isObject(state) ? state : {};
    const user = isObject(base.user) ? base.user : {};
    const stamped: Record<string, unknown> = {
      ...base,
      user: { ...user, id: identity.id, name: identity.displayName },
    };
    if (isObject(base.presence)) {
      stamped.presence = { ...base.presence, userId: `user:${identity.id}`, userName: identity.displayName };
    }
    return stamped;
  };
}
