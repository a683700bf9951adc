import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import { useVoting } from './voting-provider.tsx';

/** The server's refusal of a dot, in plain words, with a way to put it away. */
export function VoteError() {
  const { t } = useTranslation();
  const { mine } = useVoting();
  if (!mine?.error) return null;
  return (
    // A new key for each refusal, so screen readers announce a repeated one again.
    <div key={mine.refusals} className="notice notice-error voting-error" role="alert" data-testid="voting.error">
      <span>{t(mine.error)}</span>
      <button type="button" className="button button-quiet" onClick={mine.dismissError}>
        <Icon name="close" />
        {t('voting.dismiss')}
      </button>
    </div>
  );
}
