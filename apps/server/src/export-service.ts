import { readActionPlan, seedActionPlan } from '@talkoot/action-plan';
import type { BoardRecord, BoardService } from '@talkoot/boards';
import { FrameNotFoundError, renderBoardPngAsync, renderBoardSvg } from '@talkoot/board-image';
import {
  type DocxImage,
  extractReport,
  localizeTemplateRecords,
  rankNotes,
  readBoardNotes,
  renderCsv,
  renderDocx,
  renderJson,
  renderMarkdown,
} from '@talkoot/exporters';
import { SUPPORTED_LANGUAGES } from '@talkoot/locales';
import { copiedFromBoards, hiddenWithCopies, localizeAgendaStep, type TemplateTextReader } from '@talkoot/templates';
import { assetHashOf, EXPORT_CONTENT_TYPES, type ExportQuery, isImageType, TL_RECORDS_MAP } from '@talkoot/protocol';
import type { RoomManager } from '@talkoot/sync';
import { ApiError } from './api-error.ts';
import type { AssetService } from './asset-service.ts';
import { templateTranslator } from './board-setup.ts';
import type { SessionService } from './session-service.ts';
import type { TranslationService } from './translation-service.ts';

/** What exports need from the rest of the server. */
export interface ExportDeps {
  boards: BoardService;
  rooms: RoomManager;
  sessions: SessionService;
  /** Clock of the document date (tests fix it). */
  now?: () => Date;
  /** Notes in another language than the document's get their translation next to them. */
  translations?: Pick<TranslationService, 'forExport'>;
  /** The board's photos, drawn into the board picture. */
  assets?: Pick<AssetService, 'read'>;
}

/** A finished export: its bytes, type and file name. */
export interface ExportFile {
  body: Uint8Array;
  contentType: string;
  /** e.g. `Welcome-to-Espoo-2027-03-01.docx` */
  fileName: string;
}

/**
 * The board image in a DOCX appendix: at most a page (600 × 820 px at 96 dpi), so 2.5 million
 * pixels print at about 200 dpi and draw quickly.
 */
const DOCX_IMAGE = { scale: 2, maxPixels: 2_500_000 };

const encoder = new TextEncoder();

/** Width and height of a PNG from its header (IHDR), for placing it in a document. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * The board as a PNG for the DOCX appendix. A board that cannot be drawn still gets its
 * document, which then says so; the error is logged (without any board content).
 */
async function boardPicture(svg: string, title: string): Promise<DocxImage | null> {
  try {
    const png = await renderBoardPngAsync(svg, DOCX_IMAGE);
    return { title, png, ...pngSize(png) };
  } catch (error) {
    console.error('[export] the board picture could not be drawn:', error instanceof Error ? error.message : error);
    return null;
  }
}

/** A localized record marked as written in `language` (`meta.talkoot.language`). */
function inLanguage(record: unknown, language: string): unknown {
  const r = record as { meta?: { talkoot?: Record<string, unknown> } };
  return { ...r, meta: { ...r.meta, talkoot: { ...r.meta?.talkoot, language } } };
}

/** The stored canvas of a board: its records and action plan, read without writing anything. */
async function readBoard(rooms: RoomManager, boardId: string) {
  return rooms.readDoc(boardId, (doc) => ({
    records: [...doc.getMap<unknown>(TL_RECORDS_MAP).values()],
    actionPlan: readActionPlan(doc),
  }));
}

/** How far copies are followed back across boards (a need sent from a need sent from…). */
const MAX_COPY_DEPTH = 8;

/**
 * The notes hidden on `boardId` and on the boards its copies (and the plan's evidence) came
 * from: on each board, the notes its facilitator hid and every copy of a hidden note there,
 * following copies of copies back across boards. A board deleted meanwhile hides nothing.
 */
async function hiddenNotes(
  deps: ExportDeps,
  board: { id: string; records: readonly unknown[]; redactedShapeIds: readonly string[] },
  alsoCited: readonly string[],
): Promise<{ hidden: Set<string>; elsewhere: Map<string, ReadonlySet<string>> }> {
  // Filled in as boards are read; a board already on the way (a cycle) counts with what it has.
  const known = new Map<string, Set<string>>();
  const visit = async (
    id: string,
    records: readonly unknown[],
    redacted: readonly string[],
    extra: readonly string[],
    depth: number,
  ): Promise<{ hidden: Set<string>; elsewhere: Map<string, ReadonlySet<string>> }> => {
    const elsewhere = new Map<string, ReadonlySet<string>>();
    const sources = [...new Set([...copiedFromBoards(records, id), ...extra])].filter((other) => other !== id);
    if (depth < MAX_COPY_DEPTH) {
      for (const other of sources) {
        let set = known.get(other);
        if (!set) {
          set = new Set();
          known.set(other, set);
          if (await deps.boards.get(other)) {
            const [stored, session] = await Promise.all([readBoard(deps.rooms, other), deps.sessions.state(other)]);
            const found = await visit(other, stored.records, session.redactedShapeIds, [], depth + 1);
            for (const shapeId of found.hidden) set.add(shapeId);
          }
        }
        elsewhere.set(other, set);
      }
    }
    return {
      hidden: hiddenWithCopies(records, { boardId: id, redactedShapeIds: redacted, hiddenElsewhere: elsewhere }),
      elsewhere,
    };
  };
  return visit(board.id, board.records, board.redactedShapeIds, alsoCited, 0);
}

/**
 * The records with each picture from the board's asset store put inline (a `data:` URL), so the
 * board picture can draw it; only pictures a shown (not redacted) image uses are read. A picture
 * that cannot be read stays a grey placeholder, and the export still comes.
 */
async function withPictures(
  assets: Pick<AssetService, 'read'> | undefined,
  boardId: string,
  records: readonly unknown[],
  redacted: ReadonlySet<string>,
): Promise<unknown[]> {
  if (!assets) return [...records];
  const used = new Set<string>();
  for (const record of records) {
    const r = record as { typeName?: unknown; type?: unknown; id?: unknown; props?: { assetId?: unknown } };
    if (r.typeName === 'shape' && r.type === 'image' && typeof r.id === 'string' && !redacted.has(r.id)) {
      if (typeof r.props?.assetId === 'string') used.add(r.props.assetId);
    }
  }
  return Promise.all(
    records.map(async (record) => {
      const r = record as { typeName?: unknown; id?: unknown; props?: { src?: unknown } };
      if (r.typeName !== 'asset' || typeof r.id !== 'string' || typeof r.props?.src !== 'string') return record;
      const hash = assetHashOf(boardId, r.props.src);
      if (!hash || !used.has(r.id)) return record;
      try {
        const asset = await assets.read(boardId, hash);
        if (!isImageType(asset.contentType)) return record;
        const src = `data:${asset.contentType};base64,${Buffer.from(asset.data).toString('base64')}`;
        return { ...r, props: { ...r.props, src } };
      } catch (error) {
        console.error('[export] a picture could not be read:', error instanceof Error ? error.message : error);
        return record;
      }
    }),
  );
}

/**
 * Builds an export of a stored board on the server, the same for the UI's button and for
 * automation: the report (`@talkoot/exporters`) rendered as DOCX, Markdown, CSV or JSON, or
 * the board (or one frame) drawn as SVG or PNG (`@talkoot/board-image`). Hidden notes stay
 * out of every format; names appear only with `names=1`.
 */
export async function buildExport(deps: ExportDeps, board: BoardRecord, query: ExportQuery): Promise<ExportFile> {
  const now = deps.now?.() ?? new Date();
  const language = query.lang ?? board.language;
  const t = templateTranslator(language);
  const [stored, session, members] = await Promise.all([
    readBoard(deps.rooms, board.id),
    deps.sessions.state(board.id),
    deps.boards.listMembers(board.id),
  ]);
  // A hidden note hides its copies too: harvest copies, needs sent on, here or from other boards.
  const cited = stored.actionPlan.flatMap((m) =>
    m.evidence.flatMap((e) => [e.boardId, ...(e.source ? [e.source.boardId] : [])]),
  );
  const { hidden: redacted, elsewhere } = await hiddenNotes(
    deps,
    { id: board.id, records: stored.records, redactedShapeIds: session.redactedShapeIds },
    cited,
  );
  // Template texts in the document's language, as each reader sees them on the board.
  const reader: TemplateTextReader = {
    t,
    canonical: SUPPORTED_LANGUAGES.map((candidate) => templateTranslator(candidate.code)),
    showHints: false,
  };
  // A template's text shown in the document's language is in that language: not translated again.
  const records = localizeTemplateRecords(stored.records, reader, redacted).map((record, i) =>
    record === stored.records[i] ? record : inLanguage(record, language),
  );
  const fileName = exportFileName(board.title, now, query.format);
  const file = (body: Uint8Array | string) => ({
    body: typeof body === 'string' ? encoder.encode(body) : body,
    contentType: EXPORT_CONTENT_TYPES[query.format],
    fileName,
  });
  const pictured =
    query.format === 'svg' || query.format === 'png' || query.format === 'docx'
      ? await withPictures(deps.assets, board.id, records, redacted)
      : records;
  const draw = (frameId?: string) => {
    try {
      return renderBoardSvg(pictured, {
        ...(frameId ? { frameId } : {}),
        redactedShapeIds: redacted,
        redactedLabel: t('export.redacted-label'),
      });
    } catch (error) {
      if (error instanceof FrameNotFoundError)
        throw new ApiError(404, 'unknown-frame', 'There is no such frame on this board.');
      throw error;
    }
  };

  if (query.format === 'svg') return file(draw(query.frame).svg);
  if (query.format === 'png') return file(await renderBoardPngAsync(draw(query.frame).svg, { scale: query.scale }));

  // The picture is drawn on the thread pool while this thread builds the report.
  const picture = query.format === 'docx' ? boardPicture(draw().svg, t('export.appendix.board')) : null;
  const foreign = readBoardNotes(records)
    .notes.filter((n) => !redacted.has(n.id) && (n.language ?? board.language) !== language)
    .map((n) => n.id);
  // A translation that cannot be had now leaves the original, with its language, in the document.
  const translations =
    foreign.length > 0 && deps.translations
      ? await deps.translations.forExport(board, foreign, language).catch((error: unknown) => {
          console.error('[export] translations unavailable:', error instanceof Error ? error.message : error);
          return {};
        })
      : {};
  const report = extractReport({
    board,
    translations,
    hiddenElsewhere: elsewhere,
    records,
    actionPlan: stored.actionPlan,
    session: { ...session, agenda: session.agenda.map((step) => localizeAgendaStep(step, reader)) },
    members,
    language,
    t,
    includeNames: query.names,
    now,
  });
  switch (query.format) {
    case 'md':
      return file(renderMarkdown(report, t));
    case 'csv':
      return file(renderCsv(report, t));
    case 'json':
      return file(renderJson(report));
    case 'docx': {
      const image = await picture;
      return file(await renderDocx(report, t, { images: image ? [image] : [] }));
    }
  }
}

/**
 * Creates measures for the `count` top-voted notes that have none yet, in one server-side
 * change (two facilitators pressing at once get one row per note). 409 before votes are
 * revealed.
 */
export async function seedFromRanking(
  deps: ExportDeps,
  boardId: string,
  count: number,
): Promise<{ added: string[]; total: number }> {
  const { voting, redactedShapeIds } = await deps.sessions.state(boardId);
  if (voting.status !== 'revealed' || voting.results === null) {
    throw new ApiError(
      409,
      'votes-not-revealed',
      'Reveal the votes first: the action plan is seeded from the ranking.',
    );
  }
  const results = voting.results;
  // What other boards hide, for needs sent from there (read before the synchronous change below).
  const stored = await readBoard(deps.rooms, boardId);
  const { elsewhere } = await hiddenNotes(deps, { id: boardId, records: stored.records, redactedShapeIds }, []);
  return deps.rooms.changeDoc(boardId, (doc) => {
    const records = [...doc.getMap<unknown>(TL_RECORDS_MAP).values()];
    const { notes } = readBoardNotes(records, boardId);
    // A copy of a hidden note is hidden too, so no measure is seeded from one.
    const hidden = hiddenWithCopies(records, { boardId, redactedShapeIds, hiddenElsewhere: elsewhere });
    const added = seedActionPlan(doc, rankNotes(boardId, notes, results, hidden), count);
    return { added, total: readActionPlan(doc).length };
  });
}

/**
 * `<title>-<date>.<ext>` with the title reduced to ASCII letters, digits and dashes (accents
 * dropped), for `filename=`; {@link contentDisposition} adds the full title for browsers.
 */
export function exportFileName(title: string, now: Date, extension: string): string {
  const date = now.toISOString().slice(0, 10);
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${ascii || 'talkoot-board'}-${date}.${extension}`;
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<title>` (RFC 6266 / RFC 5987): the
 * quoted name for old clients, the percent-encoded full title (Arabic, Finnish…) for the rest.
 */
export function contentDisposition(fileName: string, title: string, now: Date, extension: string): string {
  const date = now.toISOString().slice(0, 10);
  // Characters no file system or header should carry: controls, path separators, quotes.
  const full = `${
    title
      .replace(/[\p{Cc}/\\"*:<>?|]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'talkoot-board'
  }-${date}.${extension}`;
  const encoded = encodeURIComponent(full).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encoded}`;
}
