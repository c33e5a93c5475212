// Loaded into the Ferry CLI with `node --import` by the benchmark: at exit, writes the process's peak resident set
// size (getrusage ru_maxrss, in KiB; worker threads share the process, so it covers them) to $FERRY_BENCH_RSS_FILE.
// Worker threads inherit `--import` through execArgv; only the main thread writes.
import { writeFileSync } from 'node:fs'
import { isMainThread } from 'node:worker_threads'

const out = process.env.FERRY_BENCH_RSS_FILE
if (out && isMainThread) {
  process.on('exit', () => {
    writeFileSync(out, String(process.resourceUsage().maxRSS))
  })
}
