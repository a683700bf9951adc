import type { Role } from '@talkoot/protocol';
import type { Editor } from 'tldraw';
import { PrivateOverview } from './private-overview.tsx';
import { PrivatePanel } from './private-panel.tsx';
import { usePrivateNotes } from './use-private-notes.ts';

/** Props of {@link PrivateWriting}. */
export interface PrivateWritingProps {
  /** `session.privateMode`. */
  privateMode: boolean;
  role: Role;
  boardId: string;
  token: string;
  memberId: string;
  editor: Editor | null;
}

/**
 * Private writing beside the canvas: the writing panel for participants, the overview for
 * facilitators, nothing for observers.
 */
export function PrivateWriting({ privateMode, role, boardId, token, memberId, editor }: PrivateWritingProps) {
  if (role === 'facilitator') return privateMode ? <PrivateOverview boardId={boardId} token={token} /> : null;
  if (role !== 'participant') return null;
  return (
    <ParticipantPrivateWriting
      privateMode={privateMode}
      boardId={boardId}
      token={token}
      memberId={memberId}
      editor={editor}
    />
  );
}

// Mounted even while private mode is off, so the connection outlives it until the reveal lands.
function ParticipantPrivateWriting({
  privateMode,
  boardId,
  token,
  memberId,
  editor,
}: Omit<PrivateWritingProps, 'role'>) {
  const privateNotes = usePrivateNotes({ boardId, token, memberId, enabled: privateMode, editor });
  return privateMode ? <PrivatePanel privateNotes={privateNotes} /> : null;
}
