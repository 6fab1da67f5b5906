import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('notFound.title')} · ${t('app.name')}`}</title>
      <h1>{t('notFound.title')}</h1>
      <p>{t('problems.notFound')}</p>
      <Link to="/">{t('notFound.back')}</Link>
    </>
  );
}
