// Today in Asia/Ho_Chi_Minh, read once when the screen opens (render must stay pure).
import { useState } from 'react';
import { todayLocal, type LocalDate } from '../../../../shared/text/dates';

export function useToday(): LocalDate {
  const [today] = useState(() => todayLocal(Date.now()));
  return today;
}
