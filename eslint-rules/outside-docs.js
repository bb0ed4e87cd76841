// Comments cite the repository's own documents (docs/, src/shared/sync/PROTOCOL.md, ARCHITECTURE.md,
// README.md), never the design notes kept outside it (../shared: SYNC.md, PRODUCT.md, BRIEF,
// PRIVACY-SECURITY, CONVENTIONS): someone who clones the repository cannot follow those. Case
// matters: "brief" in a sentence is fine, the document's name BRIEF is not.
const OUTSIDE = /\.\.\/shared\b|\bSYNC\.md\b|\bPRODUCT\.md\b|\bBRIEF\b|\bPRIVACY-SECURITY\b|\bCONVENTIONS\b/;

export const outsideDocs = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const found = OUTSIDE.exec(comment.value);
          if (!found) continue;
          context.report({
            loc: comment.loc,
            message: `"${found[0]}" is not in this repository: cite docs/ or src/shared/sync/PROTOCOL.md (write what is needed there in the project's own words)`,
          });
        }
      },
    };
  },
};

export default { rules: { 'outside-docs': outsideDocs } };
