/** The repository root. */
export const ROOT: string
/** Why out/ needs a build, or null when it is complete and newer than every source file. */
export function staleReason(root?: string): string | null
/** Runs `electron-vite build` if {@link staleReason} finds a reason; returns whether it built. */
export function ensureBuilt(options?: { root?: string; log?: (message: string) => void }): boolean
