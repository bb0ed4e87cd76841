// The guide editor's screens, one lazy chunk (admin-routes.tsx) loaded with the guides' strings.
export { GuidesAdminScreen } from './guides-admin-screen';
export { GuideEditorScreen } from './guide-editor-screen';
