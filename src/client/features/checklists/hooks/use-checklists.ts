// Live reads for the checklist screens: each re-renders when IndexedDB changes (a local write or a
// pulled sync page), through the repositories only.
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getChecklist, listChecklistBundles, listItemStates, listSignOffs, type ChecklistBundle } from '../../../data/checklist-repository';
import { getTemplateVersion, listLatestTemplates, listTemplateVersions, type ChecklistTemplate } from '../../../data/checklist-template-repository';
import type { SessionUser } from '../../../data/session-repository';
import { listVillages, type VillageItem } from '../../../data/village-repository';

/**
 * One checklist for its screen; undefined while loading, null when it is not on this phone.
 * Three live queries rather than one: a status change re-reads only the item states, and the
 * template (the big record) keeps its identity, so unchanged rows do not re-render.
 */
export function useChecklistBundle(id: string, user: Pick<SessionUser, 'communeId'>): ChecklistBundle | null | undefined {
  const { communeId } = user;
  const head = useLiveQuery(async () => {
    const checklist = await getChecklist(id, { communeId });
    return checklist ? { checklist, template: await getTemplateVersion(checklist.templateId, checklist.templateVersion) } : null;
  }, [id, communeId]);
  const states = useLiveQuery(async () => listItemStates(id), [id]);
  const signOffs = useLiveQuery(async () => listSignOffs(id), [id]);
  return useMemo(() => {
    if (head === null) return null;
    if (head === undefined || states === undefined || signOffs === undefined) return undefined;
    return { ...head, states, signOffs };
  }, [head, states, signOffs]);
}

export function useChecklistBundles(): ChecklistBundle[] | undefined {
  return useLiveQuery(listChecklistBundles, []);
}

export function useLatestTemplates(): ChecklistTemplate[] | undefined {
  return useLiveQuery(listLatestTemplates, []);
}

export function useTemplateVersions(): ChecklistTemplate[] | undefined {
  return useLiveQuery(listTemplateVersions, []);
}

export function useVillages(enabled = true): VillageItem[] | undefined {
  return useLiveQuery(async () => (enabled ? listVillages() : []), [enabled]);
}
