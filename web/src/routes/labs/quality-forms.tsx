import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { useLabPost } from './labs.api';

/** One input of a quality-system form. A dotted name (`firstVersion.authorName`) nests in the body. */
export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'date' | 'number' | 'select' | 'textarea';
  options?: { value: string; label: string }[];
  isRequired?: boolean;
  /** An empty optional field is sent as null (edits that clear a value) instead of left out. */
  isNullable?: boolean;
  defaultValue?: string | number | null;
  hint?: string;
}

/** Builds the request body: numbers as numbers, empty optional fields left out or null, dotted names nested. */
export function bodyOf(fields: FieldSpec[], data: FormData): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = String(data.get(f.name) ?? '').trim();
    const value = raw === '' ? (f.isNullable ? null : undefined) : f.kind === 'number' ? Number(raw) : raw;
    if (value === undefined) continue;
    const parts = f.name.split('.');
    let target = body;
    for (const part of parts.slice(0, -1)) {
      target[part] = (target[part] as Record<string, unknown> | undefined) ?? {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1] ?? f.name] = value;
  }
  return body;
}

/**
 * A form that posts to one labs API path. Required fields are checked here (a translated message);
 * everything else is the server's, and each message appears on the field it names.
 */
export function QualityForm({
  path,
  fields,
  submitLabel,
  extraBody,
  onSaved,
  testId,
}: {
  path: string;
  fields: FieldSpec[];
  submitLabel: string;
  extraBody?: Record<string, unknown>;
  onSaved?: (result: unknown) => void;
  testId?: string;
}) {
  const { t } = useTranslation('labs');
  const post = useLabPost();
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const serverErrors = isApiError(post.error) ? post.error.fieldErrors() : {};
  const errors = { ...serverErrors, ...missing };
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const empty = fields.filter((f) => f.isRequired && String(data.get(f.name) ?? '').trim() === '');
    setMissing(Object.fromEntries(empty.map((f) => [f.name, t('form.required')])));
    setSaved(false);
    if (empty.length > 0) {
      post.reset();
      form.querySelector<HTMLElement>('[aria-invalid="true"], :invalid')?.focus();
      return;
    }
    post.mutate(
      { path, body: { ...extraBody, ...bodyOf(fields, data) } },
      {
        onSuccess: (result) => {
          setSaved(true);
          form.reset();
          onSaved?.(result);
        },
      },
    );
  }

  return (
    <form
      className="stacked-form labs-quality-form"
      onSubmit={onSubmit}
      // A new edit hides the previous "saved" notice, so it always speaks of the latest save.
      onChange={() => setSaved(false)}
      noValidate
      data-testid={testId}
    >
      <div aria-live="polite">{saved && <p className="alert alert--success">{t('form.saved')}</p>}</div>
      {Object.keys(missing).length === 0 && <ErrorMessage error={post.error} fieldLabels={labels} />}
      <div className="form-grid">
        {fields.map((f) => (
          <Field
            key={f.name}
            label={f.isRequired ? `${f.label} *` : f.label}
            error={errors[f.name]}
            hint={f.hint}
          >
            {(c) => <Control spec={f} control={c} />}
          </Field>
        ))}
      </div>
      <button type="submit" className="button button--primary" disabled={post.isPending}>
        {post.isPending ? t('common:common.saving') : submitLabel}
      </button>
    </form>
  );
}

function Control({
  spec,
  control,
}: {
  spec: FieldSpec;
  control: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
}) {
  const common = {
    ...control,
    name: spec.name,
    defaultValue: spec.defaultValue ?? undefined,
    'aria-required': spec.isRequired || undefined,
  };
  switch (spec.kind ?? 'text') {
    case 'select':
      return (
        <select {...common}>
          {spec.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'textarea':
      return <textarea rows={2} {...common} />;
    case 'number':
      return <input type="number" inputMode="numeric" {...common} />;
    case 'date':
      return <input type="date" {...common} />;
    case 'text':
      return <input type="text" {...common} />;
  }
}
