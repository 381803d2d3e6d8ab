import type { AuditDetail } from '@mlob/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';

const MAX_BYTES = 5 * 1024 * 1024;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Evidence files of one item (photos, scanned records): listed, and attached while online. */
export function ItemEvidence({
  audit,
  itemId,
  isEditable,
}: {
  audit: AuditDetail;
  itemId: string;
  isEditable: boolean;
}) {
  const { t } = useTranslation('labs');
  const id = useId();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > MAX_BYTES) throw new Error('too large');
      return apiPost(`/api/labs/audits/${audit.id}/evidence`, {
        itemId,
        fileName: file.name,
        contentType: file.type || 'application/octet-stream',
        contentBase64: await toBase64(file),
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['labs', 'audit', audit.id] }),
  });
  const files = audit.evidence.filter((e) => e.itemId === itemId);
  return (
    <div className="small">
      {files.length > 0 && (
        <ul>
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/api/labs/audits/${audit.id}/evidence/${f.id}`}>{f.fileName}</a> (
              {Math.ceil(f.sizeBytes / 1024)} KB)
            </li>
          ))}
        </ul>
      )}
      {isEditable && (
        <p>
          <label htmlFor={`${id}-file`}>{t('entry.attach')}</label>{' '}
          <input
            id={`${id}-file`}
            type="file"
            name={`evidence-${itemId}`}
            accept="image/*,application/pdf"
            disabled={upload.isPending || !navigator.onLine}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file, { onSettled: () => (e.target.value = '') });
            }}
          />
          {!navigator.onLine && <span className="muted"> {t('entry.attachOnline')}</span>}
        </p>
      )}
      <ErrorMessage error={upload.error} />
    </div>
  );
}
