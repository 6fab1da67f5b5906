import type { TFunction } from 'i18next';

const MEMBER_FIELD = /^household\.members\[(\d+)\](?:\.(.+))?$/;
const DOCUMENT_FIELD = /^documents\[(\d+)\]\.(.+)$/;

const DOCUMENT_LABELS = {
  type: 'document.type',
  issuingCountry: 'document.issuingCountry',
  number: 'document.number',
} as const;

const isDocumentField = (name: string | undefined): name is keyof typeof DOCUMENT_LABELS =>
  name !== undefined && Object.hasOwn(DOCUMENT_LABELS, name);

/** The label a registrar knows a field by, for the error summary: 'Member 2: Birth date'. */
export function fieldLabel(field: string, t: TFunction): string {
  const member = MEMBER_FIELD.exec(field);
  if (member) {
    const heading = t('member.legend', { number: Number(member[1]) + 1 });
    const rest = member[2];
    return rest === undefined ? heading : `${heading}: ${memberFieldLabel(rest, t)}`;
  }
  switch (field) {
    case 'siteId':
      return t('register.site');
    case 'originPcode':
      return t('register.oblast');
    case 'arrivalMode':
      return t('register.arrivalMode');
    case 'arrivalDate':
      return t('register.arrivalDate');
    case 'household':
    case 'household.members':
      return t('register.membersLegend');
    case 'consent':
    case 'consent.purposes':
      return t('consent.purposes');
    case 'consent.givenByMember':
      return t('consent.givenBy');
    case 'consent.method':
      return t('consent.method');
    default:
      return field;
  }
}

function memberFieldLabel(field: string, t: TFunction): string {
  const document = DOCUMENT_FIELD.exec(field);
  if (document) {
    const item = t('document.item', { number: Number(document[1]) + 1 });
    const name = document[2];
    return isDocumentField(name) ? `${item}: ${t(DOCUMENT_LABELS[name])}` : item;
  }
  if (/^specificNeeds\[\d+\]\.note$/.test(field)) {
    return `${t('needs.legend')}: ${t('needs.note')}`;
  }
  const name = field.split(/[.[]/)[0];
  switch (name) {
    case 'givenName':
    case 'familyName':
    case 'patronymic':
    case 'sex':
    case 'birthDate':
    case 'nationality':
    case 'relationshipToHead':
    case 'childCareStatus':
      return t(`member.${name}`);
    case 'documents':
      return t('document.legend');
    case 'specificNeeds':
      return t('needs.legend');
    default:
      return field;
  }
}
