// /assistance/new and /assistance/logs/:id/edit (a lazy chunk: the form is never on the first screen).
import type { ReactElement } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getLog } from '../../../data/assistance-repository';
import type { SessionUser } from '../../../data/session-repository';
import { LogForm } from './log-form';
import { RecordFormFrame } from './record-form-frame';
import { useToast } from './undo-toast';

export function LogFormScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <RecordFormFrame user={user} load={getLog} newTitle={t('form.newTitle')} editTitle={t('form.editTitle')} back={{ to: '/assistance', label: t('detail.back') }}>
      {(existing) => (
        <LogForm
          key={existing?.id ?? 'new'}
          user={user}
          {...(existing ? { existing } : {})}
          onSaved={(saved) => {
            const next = existing ? `/assistance/logs/${saved.id}` : '/assistance';
            toast(existing ? t('form.updated') : t('form.created'), { at: next });
            void navigate(next);
          }}
          onCancel={() => void navigate(existing ? `/assistance/logs/${existing.id}` : '/assistance')}
        />
      )}
    </RecordFormFrame>
  );
}
