// The date and time inputs read and write dd/mm/yyyy and 24-hour time whatever the browser's locale.
import { beforeAll, describe, expect, it } from 'vitest';
import { useState, type ReactElement } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../lib/i18n';
import { DateInput, parseDayMonthYear, parseTime24, TimeInput } from './date-input';

function Harness({ initialDate = '', initialTime = '' }: { initialDate?: string; initialTime?: string }): ReactElement {
  const [date, setDate] = useState(initialDate);
  const [time, setTime] = useState(initialTime);
  return (
    <>
      <label htmlFor="d">{'Ngày'}</label>
      <DateInput id="d" value={date} onChange={setDate} />
      <label htmlFor="t">{'Giờ'}</label>
      <TimeInput id="t" value={time} onChange={setTime} />
      <output data-testid="values">{`${date}|${time}`}</output>
      <button type="button" onClick={() => setDate('2026-03-10')}>{'today'}</button>
    </>
  );
}

describe('DateInput and TimeInput', () => {
  beforeAll(() => initI18n('vi'));

  it('parse what people type', () => {
    expect(parseDayMonthYear('1/5/2025')).toBe('2025-05-01');
    expect(parseDayMonthYear('01.05.2025')).toBe('2025-05-01');
    expect(parseDayMonthYear('01052025')).toBe('2025-05-01');
    expect(parseDayMonthYear('31/02/2025')).toBeNull();
    expect(parseDayMonthYear('05/13/2025')).toBeNull(); // mm/dd is not read
    expect(parseTime24('8h30')).toBe('08:30');
    expect(parseTime24('0805')).toBe('08:05');
    expect(parseTime24('17:45')).toBe('17:45');
    expect(parseTime24('24:00')).toBeNull();
  });

  it('show a stored day as dd/mm/yyyy and a time on the 24-hour clock, never a native picker', () => {
    render(<Harness initialDate="2025-05-01" initialTime="17:45" />);
    const date = screen.getByLabelText<HTMLInputElement>('Ngày');
    const time = screen.getByLabelText<HTMLInputElement>('Giờ');
    expect(date.type).toBe('text');
    expect(time.type).toBe('text');
    expect(date.value).toBe('01/05/2025');
    expect(time.value).toBe('17:45');
    expect(date.placeholder).toBe('dd/mm/yyyy');
    expect(date.inputMode).toBe('numeric');
  });

  it('write the stored form once the text is a real day, and pass anything else on for the schema to refuse', async () => {
    render(<Harness />);
    const date = screen.getByLabelText<HTMLInputElement>('Ngày');
    await userEvent.type(date, '1/5/2025');
    expect(screen.getByTestId('values').textContent).toBe('2025-05-01|');
    await userEvent.tab();
    expect(date.value).toBe('01/05/2025');
    await userEvent.clear(date);
    await userEvent.type(date, '31/02/2025');
    expect(screen.getByTestId('values').textContent).toBe('31/02/2025|');
    await userEvent.type(screen.getByLabelText('Giờ'), '8h05');
    expect(screen.getByTestId('values').textContent).toBe('31/02/2025|08:05');
    await userEvent.click(screen.getByRole('button', { name: 'today' }));
    expect(date.value).toBe('10/03/2026');
  });
});
