// After a refused save, take the person to the first thing to fix: focus its control (a screen
// reader then reads the label and the error tied to it by aria-describedby) and bring it into view.
// A summary at the bottom of a long form is off-screen on a phone while focus stays on Save.

const CONTROL = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

export function focusFirstInvalid(root: HTMLElement | null): HTMLElement | null {
  if (!root) return null;
  const marked = root.querySelector<HTMLElement>('[aria-invalid="true"], .field-error');
  if (!marked) return null;
  const control = marked.matches(CONTROL) ? marked : marked.closest('.field, fieldset, .contact-field')?.querySelector<HTMLElement>(CONTROL) ?? null;
  if (!control) return null;
  control.focus({ preventScroll: true });
  control.scrollIntoView?.({ block: 'center' });
  return control;
}
