// One-way imports between the parts of the code (see ARCHITECTURE.md).
// A tiny local rule instead of a plugin: it resolves each relative import against
// the importing file and checks it against the zones below.
import path from 'node:path';

const root = process.cwd();
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

/** @returns {string | null} why the import is not allowed, or null */
function violation(fromFile, target) {
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
  const feature = /^src\/client\/features\/([^/]+)\//;
  const fromFeature = feature.exec(from)?.[1];
  const toFeature = feature.exec(target)?.[1];
  if (fromFeature && toFeature && fromFeature !== toFeature) {
    return `features never import each other (${fromFeature} → ${toFeature}); compose them in src/client/app`;
  }
  if (/^src\/client\/(lib|components|data|sync)\//.test(from) && /^src\/client\/(features|app)\//.test(target)) {
    return 'lib, components, data and sync sit below features and app';
  }
  return null;
}

export const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = rel(path.resolve(path.dirname(context.filename), source));
      const why = violation(context.filename, target);
      if (why) context.report({ node: node.source, message: why });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { boundaries } };
