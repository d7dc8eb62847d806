/** A form's primary submit button and Cancel, side by side. */
export function FormActions({ submit, disabled, onCancel }: { submit: string; disabled?: boolean; onCancel(): void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={disabled}>
        {submit}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
