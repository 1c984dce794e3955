/** The shared input schemas live in core (the study schema uses them too). */
export * from '@scf-risk/core';
