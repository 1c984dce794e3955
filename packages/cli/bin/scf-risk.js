#!/usr/bin/env node
// Entry point of the `scf-risk` command: loads the TypeScript sources through tsx
// (see docs/decisions.md, "Run TypeScript sources directly").
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
