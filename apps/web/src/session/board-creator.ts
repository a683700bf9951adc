import type { MemberInfo } from '@talkoot/protocol';

/**
 * The member who created the board: the oldest facilitator. The members API lists members
 * oldest first, so that is the first facilitator in the list; the server refuses to remove them
 * (`cannot-remove-creator`, decided the same way in `@talkoot/boards`' `decideRemoval`), so the
 * list offers no remove button for them. Null when the list has no facilitator.
 */
export function boardCreatorId(members: readonly Pick<MemberInfo, 'memberId' | 'role'>[]): string | null {
  return members.find((member) => member.role === 'facilitator')?.memberId ?? null;
}
