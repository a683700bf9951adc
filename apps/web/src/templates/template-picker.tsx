import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { knownKey, type TemplateChoice } from './template-choice.ts';
import type { TemplateInfo } from './use-templates.ts';
import './templates.css';

/** Props of {@link TemplatePicker}. */
export interface TemplatePickerProps {
  templates: readonly TemplateInfo[];
  value: TemplateChoice;
  onChange(choice: TemplateChoice): void;
  /** Prefix of the `data-testid`s, e.g. `home.template`. */
  testId: string;
}

/**
 * Choose a method (radio cards with a short description) and its settings, such as the number
 * of tables of a world café. Plain radio buttons, so arrow keys and screen readers work as usual.
 */
export function TemplatePicker({ templates, value, onChange, testId }: TemplatePickerProps) {
  const { t } = useTranslation();
  const name = useId();
  const selected = templates.find((tpl) => tpl.id === value.template);
  return (
    <div className="template-picker">
      <fieldset className="template-options">
        <legend className="field-label">{t('templates.method-label')}</legend>
        {templates.map((tpl) => {
          const title = knownKey(tpl.nameKey);
          const description = knownKey(tpl.descriptionKey);
          const id = `${name}-${tpl.id}`;
          return (
            <div key={tpl.id} className="template-option">
              <input
                type="radio"
                id={id}
                name={name}
                value={tpl.id}
                checked={tpl.id === value.template}
                onChange={() =>
                  onChange({
                    template: tpl.id,
                    params: Object.fromEntries(tpl.parameters.map((p) => [p.name, p.default])),
                  })
                }
                aria-describedby={description ? `${id}-description` : undefined}
                data-testid={`${testId}.${tpl.id}`}
              />
              <label htmlFor={id} className="template-option-label">
                <span className="template-option-name">{title ? t(title) : tpl.id}</span>
                {description ? (
                  <span id={`${id}-description`} className="template-option-description">
                    {t(description)}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </fieldset>
      {selected && selected.parameters.length > 0 ? (
        <div className="template-params">
          {selected.parameters.map((p) => {
            const label = knownKey(p.labelKey);
            const id = `${name}-param-${p.name}`;
            const current = value.params[p.name];
            return (
              <div key={p.name} className="field template-param">
                <label htmlFor={id} className="field-label">
                  {label ? t(label) : p.name}
                </label>
                <input
                  id={id}
                  className="field-input"
                  type="number"
                  inputMode="numeric"
                  min={p.min}
                  max={p.max}
                  step={1}
                  value={current === undefined || Number.isNaN(current) ? '' : current}
                  onChange={(event) =>
                    onChange({ ...value, params: { ...value.params, [p.name]: event.target.valueAsNumber } })
                  }
                  data-testid={`${testId}.param.${p.name}`}
                />
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
