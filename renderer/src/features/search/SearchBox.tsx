/** The search box in the banner: typing shows results as they come (the results view sends the query at once, one at a time). */
import { forwardRef, type KeyboardEvent } from 'react';

interface Props {
  value: string;
  onChange(value: string): void;
  onSubmit?(): void;
}

export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox({ value, onChange, onSubmit }, ref) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && value) {
      onChange('');
      e.preventDefault();
    } else if (e.key === 'Enter') onSubmit?.();
  };
  return (
    <form role="search" className="searchbox" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="dossier-search" className="visually-hidden">
        Search reports, notes and entities
      </label>
      <input
        ref={ref}
        id="dossier-search"
        type="search"
        role="searchbox"
        autoComplete="off"
        spellCheck={false}
        placeholder="Search reports, notes, entities…"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </form>
  );
});
