import type { RoomConnection } from '@talkoot/sync';

/** Open sync connections per member: who is online, and whose sockets to close on removal. */
export class MemberConnections {
  private readonly byMember = new Map<string, Set<RoomConnection>>();

  add(memberId: string, connection: RoomConnection): () => void {
    const set = this.byMember.get(memberId) ?? new Set();
    set.add(connection);
    this.byMember.set(memberId, set);
    return () => {
      set.delete(connection);
      if (set.size === 0 && this.byMember.get(memberId) === set) this.byMember.delete(memberId);
    };
  }

  isOnline(memberId: string): boolean {
    return (this.byMember.get(memberId)?.size ?? 0) > 0;
  }

  /** Closes every socket of a member. */
  closeAll(memberId: string, code: number, reason: string): void {
    for (const connection of [...(this.byMember.get(memberId) ?? [])]) connection.close(code, reason);
    this.byMember.delete(memberId);
  }
}
