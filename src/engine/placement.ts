/**
 * Where the sources land when the destination is the folder they go into (`intoDestination`, the desktop app's
 * meaning: as in Explorer, Finder or TeraCopy), rather than `cp -r`'s "a missing destination becomes the copy".
 * Pre-flight plans with `cp -r` rules; this re-targets its roots. The two differ only for a missing destination
 * with one source (and a file destination, which cannot receive anything), so pre-flight's checks — into itself,
 * two sources onto one target — hold for the re-targeted roots too.
 */
import { basename, join } from 'node:path'
import type { JobOptions } from '../shared/job'
import { FerryError } from './errors'
import type { Plan } from './preflight'

/** `plan` with every source at `destination/<its name>`; refuses a destination that is a file. */
export function placeInto(options: JobOptions, plan: Plan, destinationIsFile: boolean): Plan {
  if (destinationIsFile) {
    throw new FerryError(
      'NOT_A_DIRECTORY',
      `${options.destination} is a file, so nothing can be copied into it; choose a folder as the destination.`,
      options.destination,
    )
  }
  const roots = plan.roots.map((root) => ({
    ...root,
    target: join(options.destination, basename(root.source)),
  }))
  return { ...plan, roots }
}
