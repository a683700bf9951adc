import type { TemplateListResponse } from '@talkoot/protocol';
import { useCallback, useEffect, useState } from 'react';
import { apiClient } from '../api-client.ts';

/** A method a board can start from, as `GET /api/templates` lists it. */
export type TemplateInfo = TemplateListResponse['templates'][number];

let cached: Promise<TemplateInfo[]> | null = null;

/** The server's templates, loaded once per page (a failed load is retried on the next call). */
function loadTemplates(): Promise<TemplateInfo[]> {
  cached ??= apiClient.listTemplates().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** The list of templates: null while loading; `failed` when the server could not be reached. */
export function useTemplates(): { templates: TemplateInfo[] | null; failed: boolean; retry: () => void } {
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setFailed(false);
    loadTemplates().then(
      (list) => {
        if (live) setTemplates(list);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { templates, failed, retry };
}
