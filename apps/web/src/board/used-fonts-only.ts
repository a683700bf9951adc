import type { Editor, TLFontFace } from 'tldraw';

/**
 * Keeps tldraw from downloading every font it has when a board opens. On mount, tldraw asks its
 * FontManager to preload all 16 default faces (draw, sans, serif and mono, each bold and italic:
 * ~1.3 MB of woff2) "so that switching fonts is quick" (`Tldraw.tsx`, `requestFonts(
 * allDefaultFontFaces)`), which was more than the rest of a first board together; 30 tablets on
 * one venue link pull that 30 times. There is no option for it, so this empties the queue that
 * call filled (it is loaded on the next microtask, and `onMount` runs in the same task) and asks
 * again for only the faces of the shapes on the page. Every shape still requests its own faces
 * when it renders (tldraw's `Shape` component), so a note typed in bold later fetches bold then.
 * Call it from `onMount`. If a tldraw update renames the private queue, this does nothing.
 */
export function loadOnlyUsedFonts(editor: Editor): void {
  const queue = (editor.fonts as unknown as { fontsToLoad?: unknown }).fontsToLoad;
  if (!(queue instanceof Set)) return;
  queue.clear();
  const used = new Set<TLFontFace>();
  for (const id of editor.getCurrentPageShapeIds()) {
    for (const face of editor.fonts.getShapeFontFaces(id)) used.add(face);
  }
  if (used.size > 0) editor.fonts.requestFonts([...used]);
}
