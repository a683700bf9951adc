import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClient } from '../api-client.ts';
import { browserStorage, loadDisplayName, saveSession } from '../local-session.ts';
import { boardPath, navigate } from '../navigation.ts';
import { PrivacyNotice } from './privacy-notice.tsx';
import './privacy.css';
import { TextField } from './text-field.tsx';
import { useFormSubmit } from './use-form-submit.ts';
import { Icon } from './icon.tsx';

/** Props of {@link JoinForm}. */
export interface JoinFormProps {
  initialCode?: string;
  /** Focus the first empty field when the form appears (on the join page, not on the home page). */
  autoFocus?: boolean;
}

/**
 * Code + display name → `POST /api/join` → the board. No e-mail, no password. Says plainly how
 * the data is used, and offers joining only to watch: taking part must be a real choice.
 */
export function JoinForm({ initialCode = '', autoFocus = false }: JoinFormProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initialCode);
  const [displayName, setDisplayName] = useState(() => loadDisplayName(browserStorage()));
  const [onlyWatch, setOnlyWatch] = useState(false);
  const observerId = useId();
  const { busy, errorKey, submit } = useFormSubmit(async () => {
    const name = displayName.trim();
    const joined = await apiClient.join({
      code: code.trim(),
      displayName: name,
      ...(onlyWatch ? { role: 'observer' as const } : {}),
    });
    saveSession(browserStorage(), joined.boardId, { token: joined.token, role: joined.role, displayName: name });
    navigate(boardPath(joined.boardId));
  });

  return (
    <form className="form" onSubmit={submit}>
      <TextField
        label={t('join.code-label')}
        hint={t('join.code-hint')}
        value={code}
        onValueChange={setCode}
        testId="join.code-input"
        required
        maxLength={32}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus={autoFocus && initialCode === ''}
      />
      <TextField
        label={t('join.name-label')}
        hint={t('join.name-hint')}
        value={displayName}
        onValueChange={setDisplayName}
        testId="join.name-input"
        dir="auto"
        required
        maxLength={40}
        autoComplete="nickname"
        autoFocus={autoFocus && initialCode !== ''}
      />
      <div className="choice-toggle">
        <label className="choice-toggle-label" htmlFor={observerId}>
          <input
            id={observerId}
            type="checkbox"
            checked={onlyWatch}
            onChange={(event) => setOnlyWatch(event.target.checked)}
            aria-describedby={`${observerId}-hint`}
            data-testid="join.observer"
          />
          {t('join.observer')}
        </label>
        <p id={`${observerId}-hint`} className="field-hint">
          {t('join.observer-hint')}
        </p>
      </div>
      <PrivacyNotice />
      {errorKey ? (
        <p className="form-error" role="alert" data-testid="join.error">
          {t(errorKey)}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" data-testid="join.submit" disabled={busy}>
        <Icon name="next" mirrorInRtl />
        {busy ? t('join.joining') : t('join.submit')}
      </button>
    </form>
  );
}
