import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { onLinkClick } from '../navigation.ts';
import { LanguagePicker } from './language-picker.tsx';

/** Props of {@link PageLayout}. */
export interface PageLayoutProps {
  children: ReactNode;
}

/** The frame of the pages around the board: name of the app, language picker, content. */
export function PageLayout({ children }: PageLayoutProps) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <a href="/" className="page-brand" onClick={onLinkClick('/')}>
            {t('app.name')}
          </a>
          <p className="page-tagline">{t('app.tagline')}</p>
        </div>
        <LanguagePicker testId="app.language" />
      </header>
      <main className="page-main">{children}</main>
    </div>
  );
}
