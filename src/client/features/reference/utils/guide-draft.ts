// A guide as the admin edits it (docs/field-aids.md §3), and the request that publishes it. Steps keep
// their ids across versions (a log's progress names them); a new step gets the next unused "sN". A
// kept picture is sent by its id, a new one with its bytes; a removed one is simply not sent, and the
// server deletes it.
import type { GuideWithImages } from '../../../data/guide-repository';
import { publishGuideSchema, type PublishGuide } from '../../../../shared/reference/guide-api';
import type { Barrier } from '../../../../shared/schemas/assistance-log';
import type { ShrunkPicture } from './shrink-picture';

export interface StepDraft {
  id: string;
  text: string;
  /** A picture the published version has, kept. */
  imageId: string | null;
  /** A picture chosen in this edit. */
  newImage: ShrunkPicture | null;
  /** What to show: the kept or the new picture, as a data: URL. */
  src: string | null;
}

export interface FailureDraft {
  key: string;
  problem: string;
  action: string;
  barrier: Barrier | '';
  contactRoleId: string;
}

export interface GuideDraft {
  summary: string;
  steps: StepDraft[];
  /** "What to bring", one thing a line. */
  bring: string;
  failures: FailureDraft[];
  sourceTitle: string;
  sourceUrl: string;
}

let keys = 0;
export const failureKey = (): string => `failure-${++keys}`;

export function draftOfGuide(data: GuideWithImages | null): GuideDraft {
  if (!data) return { summary: '', steps: [{ id: 's1', text: '', imageId: null, newImage: null, src: null }], bring: '', failures: [], sourceTitle: '', sourceUrl: 'https://' };
  const { guide, images } = data;
  return {
    summary: guide.summary ?? '',
    steps: guide.steps.map((step) => ({ id: step.id, text: step.text, imageId: step.imageId ?? null, newImage: null, src: step.imageId ? (images.get(step.imageId)?.src ?? null) : null })),
    bring: guide.bring.join('\n'),
    failures: guide.failures.map((f) => ({ key: failureKey(), problem: f.problem, action: f.action, barrier: f.barrier ?? '', contactRoleId: f.contactRoleId ?? '' })),
    sourceTitle: guide.sourceTitle,
    sourceUrl: guide.sourceUrl,
  };
}

/** An id no step of this guide has: "s" and the next number. */
export function nextStepId(steps: readonly StepDraft[]): string {
  const taken = steps.map((step) => /^s(\d+)$/.exec(step.id)?.[1]).filter((n): n is string => n !== undefined);
  return `s${Math.max(0, ...taken.map(Number)) + 1}`;
}

/** The request for the draft, checked by the API's own schema; the first problem's path when it fails. */
export function publishBodyOf(draft: GuideDraft, basedOn: number): { body: PublishGuide } | { path: string } {
  const parsed = publishGuideSchema.safeParse({
    basedOn,
    summary: draft.summary.trim() === '' ? null : draft.summary.trim(),
    steps: draft.steps.map((step) => ({ id: step.id, text: step.text.trim(), ...(step.newImage ? { newImage: step.newImage } : step.imageId ? { imageId: step.imageId } : {}) })),
    bring: draft.bring.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
    failures: draft.failures.map((f) => ({ problem: f.problem.trim(), action: f.action.trim(), barrier: f.barrier || null, contactRoleId: f.contactRoleId || null })),
    sourceTitle: draft.sourceTitle.trim(),
    sourceUrl: draft.sourceUrl.trim(),
  });
  return parsed.success ? { body: parsed.data } : { path: parsed.error.issues[0]?.path.join('.') ?? '' };
}
