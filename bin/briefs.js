#!/usr/bin/env node
// Thin on purpose: everything lives in lib/ (compiled from src/), so tests can call run() directly.
import { run } from '../lib/cli/index.js';

process.exitCode = await run(process.argv.slice(2));
