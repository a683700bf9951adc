import { useTranslation } from 'react-i18next';
import { JoinForm } from '../components/join-form.tsx';
import { PageLayout } from '../components/page-layout.tsx';
import { useDocumentTitle } from '../components/use-document-title.ts';

/** Props of {@link JoinScreen}. */
export interface JoinScreenProps {
  /** From `/join/<CODE>`; empty for `/join`. */
  code: string;
}

/** `/join` and `/join/<CODE>`: the page a participant's invite link or QR code opens. */
export function JoinScreen({ code }: JoinScreenProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('join.heading'));
  return (
    <PageLayout>
      <section className="card" aria-labelledby="join-heading">
        <h1 id="join-heading" className="card-heading">
          {t('join.heading')}
        </h1>
        <JoinForm key={code} initialCode={code} autoFocus />
      </section>
    </PageLayout>
  );
}
