import { useTranslation } from 'react-i18next';

/** The privacy points, in the order a person usually asks about them. */
const POINTS = [
  'privacy.no-account',
  'privacy.visible',
  'privacy.export',
  'privacy.deletion',
  'privacy.no-ip',
] as const;

/**
 * "How your data is used", folded away by default so the form stays short: a native
 * `<details>`, which keyboards and screen readers already know how to open.
 */
export function PrivacyNotice() {
  const { t } = useTranslation();
  return (
    <details className="privacy-notice" data-testid="join.privacy">
      <summary className="privacy-summary">{t('privacy.heading')}</summary>
      <ul className="privacy-points">
        {POINTS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </details>
  );
}
