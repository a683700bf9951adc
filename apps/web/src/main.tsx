import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { applyToDocument } from './canvas-ui/view-preferences.ts';
import { loadClientConfig } from './client-config.ts';
import { initI18n } from './i18n.ts';
import { followLanguageInManifest, keepLoadedAssetsOffline, reloadOnStaleChunk } from './pwa-links.ts';

reloadOnStaleChunk();
keepLoadedAssetsOffline();

// This device's calm view and contrast, before anything is drawn.
applyToDocument();

// Start fetching the runtime config while i18n initialises; the canvas waits for it.
void loadClientConfig();

void initI18n().then(() => {
  followLanguageInManifest();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
