// A report laid out as an administrative document on A4 (Decree 30/2020; period-report.css
// @media print): the commune's report and the province's compiled report, from the same document
// model their .docx files are written from (utils/report-document.ts), so print and Word agree.
import type { ReactElement } from 'react';
import type { ReportDocument } from '../utils/report-document';

export function DocumentView({ doc }: { doc: ReportDocument }): ReactElement {
  return (
    <article className="pr-doc" lang="vi">
      <div className="pr-doc-head">
        <div>
          {doc.issuerParent !== '' && <p>{doc.issuerParent}</p>}
          <p className="pr-strong">{doc.issuer}</p>
          <p>{doc.number}</p>
        </div>
        <div>
          <p className="pr-strong">{doc.nation}</p>
          <p className="pr-strong pr-motto">{doc.motto}</p>
          <p className="pr-italic">{doc.placeDate}</p>
        </div>
      </div>
      <h1 className="pr-doc-title">{doc.title}</h1>
      <p className="pr-doc-summary">{doc.summary}</p>
      <p className="pr-indent">{doc.intro}</p>
      {doc.sections.map((section) => (
        <section key={section.heading}>
          <h2 className="pr-doc-heading">{section.heading}</h2>
          {section.paragraphs.map((text, index) => <p key={index} className="pr-indent">{text}</p>)}
        </section>
      ))}
      <p className="pr-indent">{doc.closing}</p>
      <div className="pr-doc-foot">
        <div className="pr-recipients">
          <p className="pr-strong pr-italic">{doc.recipientsTitle}</p>
          {doc.recipients.map((line) => <p key={line}>{line}</p>)}
        </div>
        <div className="pr-signature">
          {doc.signature.map((line) => <p key={line} className="pr-strong">{line}</p>)}
          <p className="pr-sign-space" />
          <p className="pr-strong">{doc.signerName}</p>
        </div>
      </div>
      {doc.appendix && (
        <section className="pr-appendix">
          <h2 className="pr-doc-title">{doc.appendix.title.split('\n').map((line) => <span key={line} className="pr-line">{line}</span>)}</h2>
          <table>
            <thead>
              <tr>{doc.appendix.header.map((cell) => <th key={cell} scope="col">{cell}</th>)}</tr>
            </thead>
            <tbody>
              {doc.appendix.rows.map((row) => (
                <tr key={row[0]}>{row.map((cell, i) => <td key={i}>{cell}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </article>
  );
}
