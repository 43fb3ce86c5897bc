// The report formats by name: what `--format` accepts, without loading any of them.
export const REPORT_FORMATS = ['text', 'json', 'html', 'sarif', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
