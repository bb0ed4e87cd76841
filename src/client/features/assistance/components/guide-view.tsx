// One service's guide as the member reads it beside the citizen (docs/field-aids.md §3): the steps in
// order, each with its picture and, when `onToggle` is given, a tick; what to bring; the common
// failures with the barrier they are and the support role to call; the official source.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { GuideWithImages } from '../../../data/guide-repository';
import { seedContactRoleById } from '../../../../shared/seed';
import '../guides.css';

interface GuideViewProps {
  data: GuideWithImages;
  serviceName: string;
  /** The steps ticked, by id; with onToggle the steps are checkboxes. */
  ticked?: readonly string[];
  onToggle?: (stepId: string) => void;
}

export function GuideView({ data, serviceName, ticked = [], onToggle }: GuideViewProps): ReactElement {
  const { t, i18n } = useTranslation('guides');
  const { guide, images } = data;
  const roleName = (id: string) => {
    const role = seedContactRoleById(id);
    return role ? (i18n.language === 'en' && role.role.en ? role.role.en : role.role.vi) : id;
  };
  return (
    <article className="guide">
      <h2>{serviceName}</h2>
      <p className="guide-meta">{t('version', { version: guide.version })}</p>
      {guide.summary ? <p>{guide.summary}</p> : null}
      {onToggle ? <p role="status" className="guide-progress">{t('progress', { done: ticked.length, total: guide.steps.length })}</p> : null}
      <h3>{t('steps')}</h3>
      <ol className="guide-steps">
        {guide.steps.map((step, index) => {
          const image = step.imageId ? images.get(step.imageId) : undefined;
          return (
            <li key={step.id}>
              {onToggle ? (
                <label className="choice">
                  <input type="checkbox" checked={ticked.includes(step.id)} onChange={() => onToggle(step.id)} />
                  <span>{step.text}</span>
                </label>
              ) : (
                <p>{step.text}</p>
              )}
              {image ? <img src={image.src} width={image.width} height={image.height} alt={t('stepImage', { number: index + 1 })} loading="lazy" /> : null}
            </li>
          );
        })}
      </ol>
      {guide.bring.length > 0 && (
        <>
          <h3>{t('bring')}</h3>
          <ul className="guide-bring">
            {guide.bring.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
      {guide.failures.length > 0 && (
        <>
          <h3>{t('failures')}</h3>
          <ul className="guide-failures">
            {guide.failures.map((failure) => (
              <li key={failure.problem} className="card">
                <p><strong>{failure.problem}</strong></p>
                <p>{failure.action}</p>
                {failure.barrier ? <p className="guide-meta">{t('barrier', { name: t(`barriers.${failure.barrier}`) })}</p> : null}
                {failure.contactRoleId ? (
                  <p>
                    {t('call', { role: roleName(failure.contactRoleId) })} <Link to="/contacts">{t('contacts')}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="guide-source">
        {t('source')}: <a href={guide.sourceUrl} target="_blank" rel="noopener noreferrer">{guide.sourceTitle}</a>
      </p>
    </article>
  );
}
