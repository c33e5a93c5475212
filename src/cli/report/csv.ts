/** CSV records: see src/shared/report-format.ts (shared with the window's "Save report"). */
export { csvField, csvRecord } from '../../shared/report-format'
