// "Tải tệp Word": builds the .docx on the phone (offline). The docx library is loaded with
// import() on the first click, so it is a chunk of its own and adds nothing to other screens.
// One button for a commune's report and for the province's compiled report.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodReportItem, SubmissionItem } from '../../../data/period-report-repository';
import { log } from '../../../lib/log';
import { downloadBlob } from '../../../lib/save-file';
import type { PeriodResults } from '../../../../shared/schemas/period-report';
import { useReportDocument } from '../hooks/use-report-document';
import type { ReportDocument } from '../utils/report-document';

interface Props {
  report: PeriodReportItem;
  results: PeriodResults;
  communeName: string;
  sent: SubmissionItem | undefined;
}

export function DocxButton({ report, results, communeName, sent }: Props): ReactElement {
  const { t } = useTranslation('periodReport');
  const doc = useReportDocument(report, results, communeName, sent);
  return (
    <DocxDownload
      doc={doc}
      fileName={t('doc.fileName', { start: report.periodStart, end: report.periodEnd })}
      text={{ label: t('editor.docx'), making: t('editor.docxMaking'), error: t('editor.docxError') }}
    />
  );
}

export function DocxDownload({ doc, fileName, text }: { doc: ReportDocument; fileName: string; text: { label: string; making: string; error: string } }): ReactElement {
  const [state, setState] = useState<'idle' | 'making' | 'failed'>('idle');
  const make = async () => {
    setState('making');
    try {
      const { reportDocxBlob } = await import('../utils/docx-export');
      downloadBlob(fileName, await reportDocxBlob(doc));
      setState('idle');
    } catch (error) {
      log.error('making the Word file failed', error instanceof Error ? error.message : error);
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void make()} disabled={state === 'making'} data-testid="docx-button">
        {state === 'making' ? text.making : text.label}
      </button>
      {state === 'failed' && <p role="alert" className="field-error">{text.error}</p>}
    </>
  );
}
