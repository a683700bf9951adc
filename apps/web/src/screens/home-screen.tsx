import { languageSchema } from '@talkoot/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClient } from '../api-client.ts';
import { JoinForm } from '../components/join-form.tsx';
import { PageLayout } from '../components/page-layout.tsx';
import { TextField } from '../components/text-field.tsx';
import { useDocumentTitle } from '../components/use-document-title.ts';
import { useFormSubmit } from '../components/use-form-submit.ts';
import { browserStorage, loadDisplayName, saveSession } from '../local-session.ts';
import { boardPath, navigate } from '../navigation.ts';
import { type TemplateChoice, paramsToSend } from '../templates/template-choice.ts';
import { TemplatePicker } from '../templates/template-picker.tsx';
import { useTemplates } from '../templates/use-templates.ts';
import { Icon } from '../components/icon.tsx';

/** `/`: create a board (becoming its facilitator) or join one with a code. */
export function HomeScreen() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('page-title.home'));
  const [title, setTitle] = useState('');
  const [displayName, setDisplayName] = useState(() => loadDisplayName(browserStorage()));
  const { templates } = useTemplates();
  const [choice, setChoice] = useState<TemplateChoice>({ template: 'blank', params: {} });
  const chosen = templates?.find((tpl) => tpl.id === choice.template);
  const {
    busy,
    errorKey,
    submit: create,
  } = useFormSubmit(async () => {
    const name = displayName.trim();
    const language = languageSchema.safeParse(i18n.resolvedLanguage);
    const created = await apiClient.createBoard({
      title: title.trim(),
      displayName: name,
      ...(chosen ? { template: chosen.id, templateParams: paramsToSend(chosen, choice.params) } : {}),
      ...(language.success ? { language: language.data } : {}),
    });
    saveSession(browserStorage(), created.boardId, {
      token: created.facilitatorToken,
      role: 'facilitator',
      displayName: name,
    });
    navigate(boardPath(created.boardId));
  });

  return (
    <PageLayout>
      <div className="home-grid">
        <section className="card" aria-labelledby="create-heading">
          <h1 id="create-heading" className="card-heading">
            {t('home.create.heading')}
          </h1>
          <form className="form" onSubmit={create}>
            <TextField
              label={t('home.title-label')}
              placeholder={t('home.title-placeholder')}
              value={title}
              onValueChange={setTitle}
              testId="home.title-input"
              dir="auto"
              required
              maxLength={120}
              autoComplete="off"
            />
            {templates ? (
              <TemplatePicker templates={templates} value={choice} onChange={setChoice} testId="home.template" />
            ) : null}
            <TextField
              label={t('home.name-label')}
              hint={t('home.name-hint')}
              value={displayName}
              onValueChange={setDisplayName}
              testId="home.name-input"
              dir="auto"
              required
              maxLength={40}
              autoComplete="nickname"
            />
            {errorKey ? (
              <p className="form-error" role="alert" data-testid="home.error">
                {t(errorKey)}
              </p>
            ) : null}
            <button type="submit" className="button button-primary" data-testid="home.create" disabled={busy}>
              <Icon name="plus" />
              {busy ? t('home.creating') : t('home.create')}
            </button>
          </form>
        </section>
        <section className="card" aria-labelledby="join-heading">
          <h2 id="join-heading" className="card-heading">
            {t('home.join.heading')}
          </h2>
          <p className="card-intro">{t('home.join.intro')}</p>
          <JoinForm />
        </section>
      </div>
    </PageLayout>
  );
}
