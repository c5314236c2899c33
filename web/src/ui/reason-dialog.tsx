/** A confirmation that needs a written reason (reopen a response, decline an application …). */
import { useState, type ReactNode } from 'react';
import { useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { Checker } from '../validation';
import { Button, Dialog, ErrorSummary, TextAreaField } from './components';

/**
 * The reason is required and sent trimmed; the dialog shows the server's refusal at the field.
 * Render it while its subject is chosen (with the subject as `key`) so each opening starts empty.
 */
export function ReasonDialog({ title, label, hint, confirm, testId, onClose, send }: {
  title: ReactNode;
  label: string;
  hint: string;
  /** The confirming button's text. */
  confirm: string;
  /** `<testId>-dialog` on the body, `<testId>-confirm` on the button. */
  testId: string;
  onClose(): void;
  send(reason: string): Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const { errors, error, busy, submit } = useSubmission<'send'>(lang);
  const go = () => submit('send', new Checker(lang).required('reason', reason), () => send(reason.trim()));
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>{t('cancel')}</Button>
          <Button variant="danger" busy={busy !== null} onClick={() => void go()} data-testid={`${testId}-confirm`}>{confirm}</Button>
        </>
      }
    >
      <div data-testid={`${testId}-dialog`}>
        <ErrorSummary error={error} fields={['reason']} />
        <TextAreaField label={label} name="reason" hint={hint} value={reason} onChange={(e) => setReason(e.target.value)} errors={errors} required rows={4} maxLength={2000} />
      </div>
    </Dialog>
  );
}
