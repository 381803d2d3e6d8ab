/** A determinate (or, without a total, indeterminate) progress bar exposed as role=progressbar. */
export function ProgressBar({ done, total, label }: { done: number; total: number | null; label: string }) {
  // A total of 0 means nothing to do: complete, not unknown.
  const percent = total === null ? null : total === 0 ? 100 : Math.min(100, Math.round((done / total) * 100));
  return (
    <div
      className={percent === null ? 'progress progress--indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? undefined : `${percent}%`}
    >
      <div className="progress__fill" style={{ width: percent === null ? '30%' : `${percent}%` }} />
    </div>
  );
}
