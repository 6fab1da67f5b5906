import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { emptyMember, type MemberDraft } from '../forms/registration-draft.js';
import { createI18n } from '../i18n/create-i18n.js';
import type { Language } from '../i18n/resources.js';
import { MemberFieldset } from './member-fieldset.js';

function EditableMember() {
  const [member, setMember] = useState<MemberDraft>(() => emptyMember('head'));
  return (
    <MemberFieldset
      index={0}
      member={member}
      onChange={(change) => setMember({ ...member, ...change })}
    />
  );
}

function renderMember(language: Language = 'en') {
  render(
    <I18nextProvider i18n={createI18n({ language })}>
      <EditableMember />
    </I18nextProvider>,
  );
}

describe('member form', () => {
  it('shows the passport (KMU-55) Latin form of a Cyrillic name as it is typed', () => {
    renderMember();
    const familyName = screen.getByLabelText('Family name');
    fireEvent.change(familyName, { target: { value: 'Згурський' } });
    fireEvent.change(screen.getByLabelText('Given name'), { target: { value: 'Юлія' } });
    fireEvent.change(screen.getByLabelText(/Patronymic/), { target: { value: 'Олексіївна' } });

    expect(screen.getByText('Latin (KMU-55): Zghurskyi')).toBeTruthy();
    expect(screen.getByText('Latin (KMU-55): Yuliia')).toBeTruthy();
    expect(screen.getByText('Latin (KMU-55): Oleksiivna')).toBeTruthy();
    // Read out with the input, not only seen beside it.
    const describedBy = familyName.getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(
      'Latin (KMU-55): Zghurskyi',
    );
  });

  it('labels every input and shows the specific needs grouped with their sensitivity', () => {
    renderMember('uk');
    for (const label of ['Прізвище', 'Ім’я', 'Стать', 'Дата народження', 'Громадянство']) {
      expect(screen.getByLabelText(label, { exact: false })).toBeTruthy();
    }
    expect(screen.getByText('Жінка в групі ризику')).toBeTruthy();
    expect(screen.getAllByText('Дані про здоров’я').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Захист: обмежений доступ').length).toBeGreaterThan(0);
  });

  it('adds and removes identity documents', () => {
    renderMember();
    fireEvent.click(screen.getByRole('button', { name: 'Add a document' }));
    expect(
      (screen.getByLabelText('Issuing country', { exact: false }) as HTMLInputElement).value,
    ).toBe('UKR');
    fireEvent.click(screen.getByRole('button', { name: 'Remove document 1' }));
    expect(screen.queryByLabelText('Document number')).toBeNull();
  });
});
