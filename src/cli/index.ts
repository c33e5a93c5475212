#!/usr/bin/env -S node --max-semi-space-size=2
/**
 * The `ferry` command (bundled to out/main/cli.js, package.json `bin`). Thin on purpose: it resolves the bundled copy
 * worker and hands the real process to {@link runCli}, which tests drive with the TypeScript worker instead.
 */
import './heap-limits'
import workerPath from '../engine/worker/copy-worker?modulePath'
import { processDeps } from './process-io'
import { rawArgv } from './raw-argv'
import { runCli } from './run-cli'

process.exitCode = await runCli(rawArgv(process.argv), { ...processDeps(), workerPath })
