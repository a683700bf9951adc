import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchLanguage } from '@talkoot/locales';
import { Tldraw, atom, react, useValue, type Editor, type TLComponents, type TLStore } from 'tldraw';
import { AddNoteButton, AreaAddButton } from '../canvas-ui/add-note-button.tsx';
import { PhotoButton } from '../assets/photo-button.tsx';
import { canvasComponents } from '../canvas-ui/calm-components.tsx';
import { installFollowView } from '../canvas-ui/follow-view.ts';
import { installNoteGestures } from '../canvas-ui/note-gestures.ts';
import { useViewOnEditor } from '../canvas-ui/view-menu.tsx';
import { useViewPreferences } from '../canvas-ui/view-preferences.ts';
import { changeLanguage, languageFor } from '../i18n.ts';
import { localizedShapeUtils } from '../template-text/localized-shape-utils.tsx';
import { templateTextReader } from '../template-text/template-text-reader.ts';
import '../canvas-ui/canvas-ui.css';
import type { BoardUser } from './board-user.ts';
import { pauseTicksWhenIdle } from './idle-tick.ts';
import { tldrawOverrides, translateTldrawLabels } from './tldraw-translations.ts';
import { loadOnlyUsedFonts } from './used-fonts-only.ts';

declare global {
  interface Window {
    /** The mounted tldraw editor, for end-to-end tests (they count shapes). */
    __talkootEditor?: Editor;
  }
}

// Fonts, icons, embed icons and tldraw's own translations, bundled by Vite and served by
// Talkoot itself: with every key set, tldraw never falls back to its CDN. Must be stable
// across renders, hence module scope.
const assetUrls = getAssetUrlsByImport();

/** Props of {@link BoardCanvas}. */
export interface BoardCanvasProps {
  store: TLStore;
  user: BoardUser;
  licenseKey: string | null;
  /** Told about the mounted editor (and null on unmount), for the session UI around the canvas. */
  onEditorChange?: ((editor: Editor | null) => void) | undefined;
  /** Hides tldraw's menus and tools, e.g. on the projector. */
  hideUi?: boolean;
  /** tldraw components to add, e.g. the vote badges; must keep their identity across renders. */
  components?: TLComponents;
  /** Shows the templates' hints for facilitators ("The facilitator can change this question."). */
  showTemplateHints?: boolean;
  /**
   * Participants get the calm canvas: a short toolbar, no style panel unless asked for, a large
   * "Add a note" button, and notes (not loose text) from a double tap. Facilitators keep tldraw's full UI.
   */
  participant?: boolean;
}

const participantOptions = { createTextOnCanvasDoubleClick: false };

/** The given components with the "+" of the participant's area in front of the canvas, beside theirs. */
function withAreaAddButton(components: TLComponents | undefined): TLComponents {
  const InFront = components?.InFrontOfTheCanvas;
  if (!InFront) return { ...components, InFrontOfTheCanvas: AreaAddButton };
  return {
    ...components,
    InFrontOfTheCanvas: () => (
      <>
        <InFront />
        <AreaAddButton />
      </>
    ),
  };
}

/** The tldraw canvas for a bound store, in the UI language of the page. */
export function BoardCanvas({
  store,
  user,
  licenseKey,
  onEditorChange,
  hideUi = false,
  components,
  showTemplateHints = false,
  participant = false,
}: BoardCanvasProps) {
  const { i18n, t } = useTranslation();
  const [editor, setEditor] = useState<Editor | null>(null);
  const language = languageFor(i18n.resolvedLanguage ?? i18n.language);
  const { calm } = useViewPreferences();
  const allComponents = useMemo(
    () =>
      canvasComponents({
        participant,
        calm,
        extra: participant ? withAreaAddButton(components) : components,
      }),
    [participant, calm, components],
  );
  useViewOnEditor(editor);
  useEffect(() => (editor ? installFollowView(editor) : undefined), [editor]);
  useEffect(
    () => (editor && participant ? installNoteGestures(editor, () => language.dir === 'rtl') : undefined),
    [editor, participant, language.dir],
  );
  const canWrite = useValue('talkoot.can-write', () => (editor ? !editor.getIsReadonly() : false), [editor]);

  // Template texts follow the reader's language and role; the shape utils read this atom, so
  // a change re-renders them without remounting tldraw.
  const [reader] = useState(() =>
    atom('talkoot.template-text-reader', templateTextReader(language.code, showTemplateHints)),
  );
  const shapeUtils = useMemo(() => localizedShapeUtils(reader), [reader]);
  useEffect(() => {
    reader.set(templateTextReader(language.code, showTemplateHints));
  }, [reader, language.code, showTemplateHints]);

  useEffect(() => {
    editor?.user.updateUserPreferences({ locale: language.tldrawLocale });
  }, [editor, language.tldrawLocale]);
  // tldraw's strings it leaves in English for some of our languages, from our locale files.
  const overrides = useMemo(() => tldrawOverrides(t, language.tldrawLocale), [t, language.tldrawLocale]);
  useEffect(() => (editor ? translateTldrawLabels(editor.getContainer(), t) : undefined), [editor, t]);

  // tldraw's main menu has a language picker of its own; follow it when it picks a language
  // Talkoot speaks. Only changes of the preference count, so our own picker never fights it.
  useEffect(() => {
    let previous = user.preferences.get().locale;
    return react('talkoot.follow-tldraw-locale', () => {
      const locale = user.preferences.get().locale;
      if (locale === previous) return;
      previous = locale;
      const match = matchLanguage(locale);
      if (match && match.code !== i18n.resolvedLanguage) void changeLanguage(match.code);
    });
  }, [user, i18n]);

  const onMount = useCallback(
    (mounted: Editor) => {
      loadOnlyUsedFonts(mounted);
      const resumeTicks = pauseTicksWhenIdle(mounted);
      window.__talkootEditor = mounted;
      setEditor(mounted);
      onEditorChange?.(mounted);
      return () => {
        resumeTicks();
        if (window.__talkootEditor === mounted) delete window.__talkootEditor;
        onEditorChange?.(null);
      };
    },
    [onEditorChange],
  );

  return (
    <div className={participant && !hideUi ? 'board-canvas board-canvas-calm' : 'board-canvas'}>
      <Tldraw
        store={store}
        user={user.currentUser}
        assetUrls={assetUrls}
        {...(licenseKey ? { licenseKey } : {})}
        onMount={onMount}
        hideUi={hideUi}
        shapeUtils={shapeUtils}
        components={allComponents}
        overrides={overrides}
        {...(participant ? { options: participantOptions } : {})}
      />
      {participant && !hideUi ? <AddNoteButton editor={editor} canWrite={canWrite} /> : null}
      {participant && !hideUi ? <PhotoButton editor={editor} canWrite={canWrite} /> : null}
    </div>
  );
}
