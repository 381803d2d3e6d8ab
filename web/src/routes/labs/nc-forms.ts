import type { FormEvent } from 'react';

/** A form's fields as strings, by name. */
export const formValues = (e: FormEvent<HTMLFormElement>) =>
  Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;

/** Posts one NC step from a form: (path, body) → submit handler. */
export type Post = (path: string, body: unknown) => (e: FormEvent<HTMLFormElement>) => void;
