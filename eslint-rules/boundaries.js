// One-way imports between the parts of the code (see ARCHITECTURE.md).
// A tiny local rule instead of a plugin: it resolves each relative import against
// the importing file and checks it against the zones below.
import path from 'node:path';

const root = process.cwd();
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

/**
 * The server's layers, bottom to top. Each may import the layers below it and its own, never one
 * above: routes → services → storage. `base` (configuration, error format, URL paths) is
 * importable by all; `top` composes the server (compose.ts, app.ts, main.ts, the admin CLI).
 */
const SERVER_LAYERS = [
  ['base', /^src\/server\/(config|errors|paths)\.ts$/],
  ['storage', /^src\/server\/storage\//],
  ['services', /^src\/server\/(sync|auth|reports|privacy|reference|admin)\/|^src\/server\/(accounts|demo)\.ts$/],
  ['routes', /^src\/server\/routes\/|^src\/server\/(static|security-headers)\.ts$/],
  ['top', /^src\/server\//],
];

/** @returns {number} the index of the file's server layer in SERVER_LAYERS, or -1 outside the server */
function serverLayer(file) {
  const withExtension = /\.[a-z]+$/.test(file) ? file : `${file}.ts`;
  return SERVER_LAYERS.findIndex(([, pattern]) => pattern.test(withExtension));
}

/** Database drivers: only the storage layer talks to a database. */
const DRIVERS = new Set(['pg', 'better-sqlite3']);

/** @returns {string | null} why the package import is not allowed, or null */
function packageViolation(fromFile, source) {
  const from = rel(fromFile);
  if (DRIVERS.has(source) && from.startsWith('src/server/') && !from.startsWith('src/server/storage/')) {
    return `only src/server/storage talks to the database (${source})`;
  }
  return null;
}

/** @returns {string | null} why the import is not allowed, or null */
function serverViolation(from, target) {
  const fromLayer = serverLayer(from);
  const toLayer = serverLayer(target);
  if (fromLayer < 0 || toLayer <= fromLayer) return null;
  const [fromName] = SERVER_LAYERS[fromLayer];
  const [toName] = SERVER_LAYERS[toLayer];
  return `server layers go routes → services → storage: ${fromName} must not import ${toName} (${target})`;
}

/** @returns {string | null} why the import is not allowed, or null */
function routeToStorage(from, target, typeOnly) {
  if (typeOnly) return null;
  if (SERVER_LAYERS[serverLayer(from)]?.[0] !== 'routes' || SERVER_LAYERS[serverLayer(target)]?.[0] !== 'storage') return null;
  return 'routes reach storage through a service; a route may import storage types only (import type)';
}

/** @returns {string | null} why the import is not allowed, or null */
function violation(fromFile, target, typeOnly = false) {
  const from = rel(fromFile);
  if (from.startsWith('src/shared/') && /^src\/(client|server)\//.test(target)) {
    return 'src/shared must not import client or server code';
  }
  if (from.startsWith('src/client/') && target.startsWith('src/server/')) {
    return 'the client must not import server code';
  }
  if (from.startsWith('src/server/') && target.startsWith('src/client/')) {
    return 'the server must not import client code';
  }
  return clientViolation(from, target) ?? serverViolation(from, target) ?? routeToStorage(from, target, typeOnly);
}

/**
 * The client's shared tier: what more than one feature uses lives here, once (ARCHITECTURE.md
 * "The shared client tier"). A feature imports its own folder, this tier, src/shared and the
 * translations — never another feature, the app shell, or a tier's private files.
 */
const SHARED_TIER = /^src\/client\/(hooks|components\/ui|lib|data|sync)\/|^src\/shared\/|^locales\//;

/**
 * Files private to the data and sync tiers: the Dexie handle, the one write path, record plumbing,
 * the vault's crypto, the transport. Only src/client/data and src/client/sync (which sits on data)
 * import them, so the UI goes through the repositories and the sync runtime. Tests may seed through them.
 */
const TIER_PRIVATE = /^src\/client\/(data\/(db|local-write|access|editable-record|record-fields|sync-repository|vault\/crypto)|sync\/(transport|access-token|scheduler))(\.tsx?)?$/;

const isTest = (file) => /\.test\.tsx?$/.test(file) || file.startsWith('test/');

/** @returns {string | null} why the import is not allowed, or null */
function clientViolation(from, target) {
  const feature = /^src\/client\/features\/([^/]+)\//;
  const fromFeature = feature.exec(from)?.[1];
  const toFeature = feature.exec(target)?.[1];
  if (fromFeature && toFeature && fromFeature !== toFeature) {
    return `features never import each other (${fromFeature} → ${toFeature}); move what both need to src/client/hooks or src/client/components/ui, or compose them in src/client/app`;
  }
  if (fromFeature && toFeature !== fromFeature && !SHARED_TIER.test(target) && !isTest(from)) {
    return `a feature imports only its own folder and the shared tier (src/client/hooks, components/ui, lib, data, sync; src/shared), not ${target}`;
  }
  if (/^src\/client\/(lib|hooks|components|data|sync)\//.test(from) && /^src\/client\/(features|app)\//.test(target)) {
    return 'the shared tier (lib, hooks, components, data, sync) sits below features and app';
  }
  if (/^src\/client\/(features|app|hooks|components|lib)\//.test(from) && TIER_PRIVATE.test(target) && !isTest(from)) {
    return `${target} is private to its tier: go through a repository in src/client/data or the sync runtime`;
  }
  return null;
}

export const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      if (!source.startsWith('.')) {
        const why = packageViolation(context.filename, source);
        if (why) context.report({ node: node.source, message: why });
        return;
      }
      const target = rel(path.resolve(path.dirname(context.filename), source));
      const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
      const why = violation(context.filename, target, typeOnly);
      if (why) context.report({ node: node.source, message: why });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { boundaries } };
