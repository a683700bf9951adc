import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Attributes and props whose value people see or hear: the ARIA texts, the HTML ones, and the
 * text props of our own components (`TextField label`, `ModalDialog heading`, …).
 */
const VISIBLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'alt',
  'title',
  'placeholder',
  'label',
  'hint',
  'heading',
  'intro',
  'message',
  'description',
  'text',
]);

/** Functions that show their first argument to the person: the browser's own dialogs. */
const VISIBLE_CALLS: ReadonlySet<string> = new Set(['alert', 'confirm', 'prompt']);

/**
 * Texts that may stay in code, with the reason. Text without any letter (punctuation, digits,
 * `·`, `×`) is always allowed and need not be listed.
 */
const ALLOWED_TEXTS: ReadonlyMap<string, string> = new Map([]);

/** A user-visible string written in code instead of a locale file. */
interface HardCodedString {
  /** `path:line` */
  at: string;
  text: string;
}

const hasLetters = (text: string) => /\p{L}/u.test(text);

/** The literal texts an expression can evaluate to, looking through `?:`, `??`, `||`, `&&` and templates. */
function literalTexts(expression: ts.Expression): string[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
  if (ts.isTemplateExpression(expression)) {
    return [expression.head.text + expression.templateSpans.map((span) => span.literal.text).join(' ')];
  }
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) {
    return literalTexts(expression.expression);
  }
  if (ts.isSatisfiesExpression(expression)) return literalTexts(expression.expression);
  if (ts.isConditionalExpression(expression)) {
    return [...literalTexts(expression.whenTrue), ...literalTexts(expression.whenFalse)];
  }
  if (ts.isBinaryExpression(expression)) {
    switch (expression.operatorToken.kind) {
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.BarBarToken:
        return [...literalTexts(expression.left), ...literalTexts(expression.right)];
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return literalTexts(expression.right);
    }
  }
  // Calls (t('key'), formatters), identifiers and JSX: not literals; nested JSX is walked on its own.
  return [];
}

const calleeName = (callee: ts.Expression): string | null => {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
};

/**
 * User-visible strings in one TSX source that do not come from `t(…)`: JSX text, literal values
 * of {@link VISIBLE_ATTRIBUTES}, and literal arguments of `alert`/`confirm`/`prompt`.
 */
function findHardCodedStrings(fileName: string, source: string): HardCodedString[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedString[] = [];
  const report = (node: ts.Node, texts: readonly string[]) => {
    for (const raw of texts) {
      const text = raw.replace(/\s+/g, ' ').trim();
      if (!hasLetters(text) || ALLOWED_TEXTS.has(text)) continue;
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found.push({ at: `${fileName}:${line + 1}`, text });
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      report(node, [node.text]);
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      // A child expression, `<p>{cond ? 'Yes' : t('no')}</p>`; attribute values are handled below.
      if (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) report(node, literalTexts(node.expression));
    } else if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(file))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) report(node, [value.text]);
      else if (value && ts.isJsxExpression(value) && value.expression) report(node, literalTexts(value.expression));
    } else if (ts.isCallExpression(node) && VISIBLE_CALLS.has(calleeName(node.expression) ?? '')) {
      const [message] = node.arguments;
      if (message) report(node, literalTexts(message));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const listTsxFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listTsxFiles(path);
    return entry.name.endsWith('.tsx') && !entry.name.includes('.test.') ? [path] : [];
  });

describe('findHardCodedStrings', () => {
  const find = (source: string) => findHardCodedStrings('x.tsx', source).map(({ text }) => text);

  it('finds text written between JSX tags', () => {
    expect(find('const a = <p className="x">\n  Hello   there\n</p>;')).toEqual(['Hello there']);
  });

  it('finds literals in visible attributes and in child expressions, through conditionals', () => {
    expect(
      find(`const a = <button aria-label="Close" title={busy ? 'Wait' : t('go')}>{n > 1 ? 'many' : ''}</button>;`),
    ).toEqual(['Close', 'Wait', 'many']);
    expect(find('const a = <TextField label="Name" hint={`Type ${x} here`} />;')).toEqual(['Name', 'Type here']);
  });

  it('finds literal messages of the browser dialogs', () => {
    expect(find("if (window.confirm('Sure?')) go();")).toEqual(['Sure?']);
  });

  it('accepts t(), technical attributes and text without letters', () => {
    const source = `const a = (
      <div className="panel" data-testid="a.b" dir="ltr" role="status" aria-live="polite">
        {t('app.name')} · {count} / {total} ×
        <Icon name="close" />
        <input aria-label={t('join.code-label')} placeholder={t('home.title-placeholder')} type="text" />
      </div>
    );`;
    expect(find(source)).toEqual([]);
  });
});

describe('apps/web/src', () => {
  it('writes every user-visible string through t(), so it lives in the locale files', () => {
    const root = import.meta.dirname;
    const found = listTsxFiles(root).flatMap((path) =>
      findHardCodedStrings(relative(root, path), readFileSync(path, 'utf8')),
    );
    expect(found, 'move these strings into packages/locales/locales/*.json').toEqual([]);
  });
});
