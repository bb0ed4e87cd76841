// What a role may do with checklists, read from the one rule table (src/shared/permissions.ts) so
// the client shows the same actions the server accepts.
import { can, type Role } from '../permissions';

export interface ChecklistAccess {
  /** Change an item's status, note, responsible person, due date (members, leaders). */
  updateItems: boolean;
  /** Create checklists from templates (leaders). */
  create: boolean;
  /** Archive and restore checklists (leaders). */
  archive: boolean;
  /** Comment on a checklist (leaders, reviewers). */
  comment: boolean;
  /** Sign off a completed checklist (reviewers). */
  signOff: boolean;
  /** Publish template versions (province admins). */
  manageTemplates: boolean;
}

export function checklistAccess(role: Role): ChecklistAccess {
  return {
    updateItems: can(role, 'checklistItem.update'),
    create: can(role, 'checklist.create'),
    archive: can(role, 'checklist.archive'),
    comment: can(role, 'checklist.comment'),
    signOff: can(role, 'checklist.signOff'),
    manageTemplates: can(role, 'template.manage'),
  };
}
