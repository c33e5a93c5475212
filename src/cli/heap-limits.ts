/**
 * Imported first by the CLI entry: a smaller young generation for the main thread (issue 10's memory target). The
 * main thread allocates per-file garbage at a high rate (walk entries, tasks, outcomes) but keeps little: a heap
 * snapshot at 300,000 files holds under 10 MiB live, while V8's default 16 MiB semi-spaces (and the old space the
 * scavenges promote into) took peak RSS from 140 MiB at 100,000 files to 164 MiB at 300,000. With 2 MiB semi-spaces
 * the peak was 125 MiB at 300,000 files, no slower (`/usr/bin/time -f %M`, tmpfs, `--no-sync`; see the issue note).
 */
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--max-semi-space-size=2')
