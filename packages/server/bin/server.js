#!/usr/bin/env node
// Entry point of `scf-risk-server`: runs the built JavaScript (npm run build).
import { main } from '../dist/main.js';

await main(process.env);
