#!/usr/bin/env node
// The `dossier` command. Runs the TypeScript sources through tsx so that it works right after
// `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
process.exitCode = await run(process.argv.slice(2));
