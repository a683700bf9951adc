import { z } from 'zod';
import type { TemplateDefinition, TemplateParams } from './template-definition.ts';

/** Parameters refused for a template; `issues` name each bad parameter. */
export class TemplateParamsError extends Error {
  readonly reason = 'invalid-template-params';
  readonly issues: readonly { path: string; message: string }[];

  constructor(templateId: string, issues: readonly { path: string; message: string }[]) {
    super(`invalid parameters for template ${templateId}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'TemplateParamsError';
    this.issues = issues;
  }
}

/** The zod schema of a template's parameters: known names only, whole numbers in range, defaults filled in. */
export function templateParamsSchema(definition: Pick<TemplateDefinition, 'parameters'>) {
  const shape: Record<string, z.ZodType<number>> = {};
  for (const p of definition.parameters) {
    shape[p.name] = z.number().int().min(p.min).max(p.max).default(p.default) as unknown as z.ZodType<number>;
  }
  return z.strictObject(shape);
}

/**
 * Checks untrusted parameters against a template's parameter list and fills in defaults.
 * Throws {@link TemplateParamsError} for unknown names and out-of-range or non-integer values.
 */
export function parseTemplateParams(definition: TemplateDefinition, input: unknown = {}): TemplateParams {
  const parsed = templateParamsSchema(definition).safeParse(input ?? {});
  if (!parsed.success) {
    throw new TemplateParamsError(
      definition.id,
      parsed.error.issues.map((issue) => ({
        path: ['templateParams', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}
