/**
 * Trees as users write them: pairwise matrices inside a tree may hold fractions such as "1/3"
 * (SPEC §10). The conversion lives in core (`parseTreeMatrices`, also used by the hierarchy
 * runner the HTTP server calls); this module keeps the name the CLI's commands import.
 */
export { parseTreeMatrices } from '@scf-risk/core';
