import type { ClientConfig } from '@talkoot/protocol';
import { useEffect, useState } from 'react';
import { apiClient } from './api-client.ts';

let pending: Promise<ClientConfig> | null = null;

/**
 * Fetches `/api/config` once per page. If the server cannot say, the canvas still opens
 * without a licence key (tldraw decides what that means; we never work around it).
 */
export function loadClientConfig(): Promise<ClientConfig> {
  pending ??= apiClient.getConfig().catch((error: unknown) => {
    console.warn('[talkoot] /api/config failed; continuing without a tldraw licence key', error);
    return { tldrawLicenseKey: null };
  });
  return pending;
}

/** The runtime configuration, or null while it loads. */
export function useClientConfig(): ClientConfig | null {
  const [config, setConfig] = useState<ClientConfig | null>(null);
  useEffect(() => {
    let active = true;
    void loadClientConfig().then((loaded) => {
      if (active) setConfig(loaded);
    });
    return () => {
      active = false;
    };
  }, []);
  return config;
}
