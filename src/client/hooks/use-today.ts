// Today in Vietnam (Asia/Ho_Chi_Minh), re-rendered at local midnight so an item left open on the
// screen overnight turns overdue without a reload.
import { useEffect, useState } from 'react';
import { addDays, startOfLocalDate, todayLocal, type LocalDate } from '../../shared/text/dates';

export function useToday(): LocalDate {
  const [today, setToday] = useState(() => todayLocal(Date.now()));
  useEffect(() => {
    const midnight = startOfLocalDate(addDays(today, 1)).getTime();
    // Timers are clamped to ~24.8 days; a day is far below that. +50 ms lands safely after midnight.
    const timer = setTimeout(() => setToday(todayLocal(Date.now())), Math.max(1000, midnight - Date.now() + 50));
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
