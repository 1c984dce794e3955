/**
 * The shared input pieces and the parsing of input documents. Every method's input and options
 * schema lives in core beside the method (`ahpInputSchema`, `ahpOptionsSchema`, …, and
 * `METHOD_SCHEMAS`); this file re-exports the generic pieces older modules import from here.
 */
export {
  cellSchema,
  directionSchema,
  incompleteMatrixSchema,
  labelSchema,
  labelsSchema,
  matrixSchema,
  optionalCellSchema,
  parseWith,
  underField,
  vectorSchema,
} from '@scf-risk/core';
