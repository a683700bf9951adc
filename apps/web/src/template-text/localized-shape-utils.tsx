import type { TemplateTextReader } from '@talkoot/templates';
import {
  FrameShapeUtil,
  GeoShapeUtil,
  NoteShapeUtil,
  TextShapeUtil,
  getDisplayValues,
  renderHtmlFromRichTextForMeasurement,
  renderPlaintextFromRichText,
  toRichText,
  type Editor,
  type Signal,
  type SvgExportContext,
  type TLFrameShape,
  type TLGeoShape,
  type TLNoteShape,
  type TLShape,
  type TLShapeUtilConstructor,
  type TLTextShape,
} from 'tldraw';
import { localizeShapeText } from './template-text-reader.ts';

type RichTextShape = TLNoteShape | TLGeoShape | TLTextShape;

/**
 * The shape as this reader sees it: a template's text in her language (see
 * `localizeTemplateText`). While the shape is being edited it is the stored shape, so editing
 * always edits the board's one canonical text. Reads the editing state and the reader, so
 * tldraw re-renders the shape when either changes.
 */
export function displayedShape<S extends RichTextShape | TLFrameShape>(
  editor: Editor,
  shape: S,
  reader: TemplateTextReader,
): S {
  if (editor.getEditingShapeId() === shape.id) return shape;
  if (shape.type === 'frame') {
    const frame = shape as TLFrameShape;
    const name = localizeShapeText(frame, frame.props.name, reader);
    return name === frame.props.name ? shape : ({ ...frame, props: { ...frame.props, name } } as S);
  }
  const rich = shape as RichTextShape;
  const stored = renderPlaintextFromRichText(editor, rich.props.richText);
  const shown = localizeShapeText(rich, stored, reader);
  return shown === stored ? shape : ({ ...rich, props: { ...rich.props, richText: toRichText(shown) } } as S);
}

/**
 * tldraw's note, geo, text and frame utils, rendering template texts in the reader's language
 * (`reader` is read reactively: a language change re-renders them). Pass the result as
 * `shapeUtils`; they replace the defaults of the same type, so the store's schema is unchanged.
 */
export function localizedShapeUtils(reader: Signal<TemplateTextReader>): TLShapeUtilConstructor<TLShape>[] {
  class LocalizedNoteShapeUtil extends NoteShapeUtil {
    override component(shape: TLNoteShape) {
      return super.component(displayedShape(this.editor, shape, reader.get()));
    }
    override toSvg(shape: TLNoteShape, ctx: SvgExportContext) {
      return super.toSvg(displayedShape(this.editor, shape, reader.get()), ctx);
    }
  }

  class LocalizedGeoShapeUtil extends GeoShapeUtil {
    override component(shape: TLGeoShape) {
      return super.component(displayedShape(this.editor, shape, reader.get()));
    }
    override toSvg(shape: TLGeoShape, ctx: SvgExportContext) {
      return super.toSvg(displayedShape(this.editor, shape, reader.get()), ctx);
    }
  }

  class LocalizedTextShapeUtil extends TextShapeUtil {
    override getMinDimensions(shape: TLTextShape) {
      const shown = displayedShape(this.editor, shape, reader.get());
      if (shown === shape) return super.getMinDimensions(shape);
      // Same measurement as tldraw's text shape, of the text shown: a longer translation
      // gets a taller box instead of running over what lies below it.
      const dv = getDisplayValues(this, shown) as {
        lineHeight: number;
        fontWeight: string;
        fontStyle: string;
        fontFamily: string;
        fontSize: number;
      };
      const fixedWidth = shown.props.autoSize ? null : Math.max(16, Math.floor(shown.props.w));
      const measured = this.editor.textMeasure.measureHtml(
        renderHtmlFromRichTextForMeasurement(this.editor, shown.props.richText),
        {
          lineHeight: dv.lineHeight,
          fontWeight: dv.fontWeight,
          fontStyle: dv.fontStyle,
          padding: '0px',
          fontFamily: dv.fontFamily,
          fontSize: dv.fontSize,
          maxWidth: fixedWidth,
        },
      );
      return {
        width: fixedWidth ?? Math.max(16, measured.w + 1),
        height: Math.max(dv.fontSize, measured.h),
      };
    }
    override component(shape: TLTextShape) {
      return super.component(displayedShape(this.editor, shape, reader.get()));
    }
    override toSvg(shape: TLTextShape, ctx: SvgExportContext) {
      return super.toSvg(displayedShape(this.editor, shape, reader.get()), ctx);
    }
  }

  class LocalizedFrameShapeUtil extends FrameShapeUtil {
    override component(shape: TLFrameShape) {
      return super.component(displayedShape(this.editor, shape, reader.get()));
    }
    override toSvg(shape: TLFrameShape, ctx: SvgExportContext) {
      return super.toSvg(displayedShape(this.editor, shape, reader.get()), ctx);
    }
  }

  return [
    LocalizedNoteShapeUtil,
    LocalizedGeoShapeUtil,
    LocalizedTextShapeUtil,
    LocalizedFrameShapeUtil,
  ] as unknown as TLShapeUtilConstructor<TLShape>[];
}
