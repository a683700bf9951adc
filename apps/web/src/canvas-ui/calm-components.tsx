import {
  DefaultHelperButtons,
  DefaultStylePanel,
  DefaultToolbar,
  DefaultToolbarContent,
  DrawToolbarItem,
  HandToolbarItem,
  NoteToolbarItem,
  SelectToolbarItem,
  TldrawUiMenuItem,
  TldrawUiToolbarButton,
  atom,
  useActions,
  useEditor,
  useValue,
  type TLComponents,
  type TLUiMenuItemProps,
  type TLUiStylePanelProps,
} from 'tldraw';
import { useTranslation } from 'react-i18next';

/** Whether a participant asked for all tools and the style panel ("More…"); one canvas per page. */
export const moreToolsOpen = atom('talkoot.more-tools', false);

/** Select, hand, note, draw, and "More…" that opens the full toolbar and the style panel. */
function ShortToolbar() {
  const { t } = useTranslation();
  const more = useValue(moreToolsOpen);
  const toggle = (
    <TldrawUiToolbarButton
      type="tool"
      className="talkoot-more-tools"
      data-testid="canvas.more-tools"
      aria-pressed={more}
      title={more ? t('canvas.fewer-tools') : t('canvas.more-tools')}
      onClick={() => moreToolsOpen.set(!more)}
    >
      <span className="talkoot-more-tools-label">{more ? t('canvas.fewer-tools') : t('canvas.more-tools')}</span>
    </TldrawUiToolbarButton>
  );
  // With all tools the toolbar overflows from its end, so "Fewer tools" goes first to stay in sight.
  return (
    <DefaultToolbar>
      {more ? (
        <>
          {toggle}
          <DefaultToolbarContent />
        </>
      ) : (
        <>
          <SelectToolbarItem />
          <HandToolbarItem />
          <NoteToolbarItem />
          <DrawToolbarItem />
          {toggle}
        </>
      )}
    </DefaultToolbar>
  );
}

/** The style panel, only once the participant asked for it. */
function StylePanelOnRequest(props: TLUiStylePanelProps) {
  const more = useValue(moreToolsOpen);
  return more ? <DefaultStylePanel {...props} /> : null;
}

/**
 * tldraw's helper buttons without its own "Stop following": the session bar already has one,
 * which also brings the person back to their own view.
 */
function HelperButtons() {
  const editor = useEditor();
  const actions = useActions();
  const penMode = useValue('talkoot.pen-mode', () => editor.getInstanceState().isPenMode, [editor]);
  const lost = useValue(
    'talkoot.nothing-in-view',
    () => editor.getCurrentPageShapeIds().size > 0 && editor.getCurrentPageRenderingShapesSorted().length === 0,
    [editor],
  );
  // tldraw's own helper buttons spread these actions the same way (its action type is wider in icon).
  const exitPen = actions['exit-pen-mode'];
  const back = actions['back-to-content'];
  return (
    <DefaultHelperButtons>
      {penMode && exitPen ? <TldrawUiMenuItem {...(exitPen as unknown as TLUiMenuItemProps)} /> : null}
      {lost && back ? <TldrawUiMenuItem {...(back as unknown as TLUiMenuItemProps)} /> : null}
    </DefaultHelperButtons>
  );
}

/** Nothing of other people on the canvas: their cursors with their name tags and chat bubbles. */
const hiddenPresence: TLComponents = { CollaboratorCursor: null, CursorChatBubble: null };

/** Options of {@link canvasComponents}. */
export interface CanvasComponentsOptions {
  /** Participants get the calm canvas: a short toolbar and no style panel unless asked for. */
  participant: boolean;
  /** Calm view: other people's cursors and names hidden. */
  calm: boolean;
  /** Components added by features, e.g. the vote badges. */
  extra?: TLComponents | undefined;
}

/** The tldraw components for a person's canvas; memoise the result (tldraw needs stable identities). */
export function canvasComponents({ participant, calm, extra }: CanvasComponentsOptions): TLComponents {
  return {
    HelperButtons,
    ...(participant
      ? {
          Toolbar: ShortToolbar,
          StylePanel: StylePanelOnRequest,
          // Talkoot's own "people here" list is in the session bar.
          SharePanel: null,
          ActionsMenu: null,
          HelpMenu: null,
          DebugMenu: null,
          DebugPanel: null,
        }
      : {}),
    ...(calm ? hiddenPresence : {}),
    ...extra,
  };
}
