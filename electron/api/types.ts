/** Result types of the contract. Plain data only: they cross IPC, HTTP and the CLI's `--json`. */
import type { ErrorCode } from './errors';

export type ReportFormat = 'text' | 'markdown' | 'html' | 'pdf';

export interface ReportRecord {
  id: string;
  title: string;
  source: string | null;
  author: string | null;
  publishedAt: string | null;
  importedAt: string;
  updatedAt: string;
  tags: string[];
  format: ReportFormat;
  mime: string;
  contentHash: string;
  bodyRef: string;
  originalRef: string;
  originalName: string;
  size: number;
  chars: number;
  encoding: string | null;
  pageStarts?: number[];
}

export interface RecoveryNote {
  file: string;
  problem: string;
  action: string;
  recovered: boolean;
  setAside?: string;
}

export interface NotebookInfo {
  dir: string;
  id: string;
  createdAt: string;
  writable: boolean;
  reports: number;
  recoveries: RecoveryNote[];
}

export interface NotebookStats {
  dir: string;
  reports: number;
  notes: number;
  entities: number;
  tags: number;
  byFormat: Record<ReportFormat, number>;
  bodyChars: number;
  originalBytes: number;
  lastImportAt: string | null;
}

export interface CheckProblem {
  severity: 'error' | 'warning';
  message: string;
  repaired: boolean;
}

export interface CheckResult {
  ok: boolean;
  checked: { files: number; reports: number; blobs: number };
  problems: CheckProblem[];
  recoveries: RecoveryNote[];
}

export interface ImportResult {
  imported: Array<{ path: string; id: string; title: string }>;
  duplicates: Array<{ path: string; id: string }>;
  failed: Array<{ path: string; error: { code: ErrorCode; message: string } }>;
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface TaggedRecord {
  id: string;
  kind: 'report' | 'note' | 'entity';
  tags: string[];
}
