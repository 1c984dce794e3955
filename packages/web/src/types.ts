/** The shapes the HTTP API answers with (see the server's routes and /docs/json). */
import type { Label } from './i18n.ts';

export type Role = 'admin' | 'risk-officer' | 'credit-officer' | 'expert' | 'auditor';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface Money {
  minor: string;
  currency: string;
}

export const ENTERPRISE_KINDS = ['core', 'sme-supplier', 'sme-distributor', 'logistics', 'platform', 'bank'] as const;

export interface Enterprise {
  id: string;
  name: string;
  kind: (typeof ENTERPRISE_KINDS)[number];
  industry: string;
  region: string | null;
  creditCode: string | null;
  createdAt: string;
}

export interface Product {
  id: string;
  code: string;
  kind: string;
  name: string;
  currency: string;
}

export interface Loan {
  id: string;
  applicationId: string | null;
  enterpriseId: string;
  productId: string;
  principal: Money;
  annualRate: string;
  termMonths: number;
  disbursedOn: string;
  maturityOn: string;
  status: 'active' | 'repaid' | 'defaulted' | 'written-off';
}

export interface LoanDetail extends Loan {
  schedule: { seq: number; dueOn: string; principal: Money; interest: Money }[];
  repayments: { id: string; paidOn: string; amount: Money; source: string }[];
  collateral: { id: string; commodity: string; quantity: string; unit: string; haircut: string; warehouseReceipt: string | null }[];
}

export type ModelKind = 'indicator-system' | 'weights' | 'scoring-rule' | 'credit-tree' | 'study';

export interface ModelVersion {
  id: string;
  kind: ModelKind;
  productId: string;
  version: number;
  content: unknown;
  note: string | null;
  createdBy: string;
  createdAt: string;
  active: boolean;
}

export interface TemplateSummary {
  name: string;
  title: { zh: string; en: string };
  source: string | null;
  leaves: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
}

/** A node of an indicator tree (the tree format); unknown fields are kept as they are. */
export interface TreeNode {
  code: string;
  name: Label;
  weight?: number;
  direction?: 'benefit' | 'cost';
  scorer?: 'expert' | 'officer';
  children?: TreeNode[];
  [k: string]: unknown;
}

export interface HierarchyResult {
  nodes: {
    code: string;
    name: Label;
    depth: number;
    parent?: string;
    leaf: boolean;
    localWeight: number | null;
    globalWeight: number | null;
  }[];
  [k: string]: unknown;
}

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  ci: number;
  ri: number;
  cr: number;
  consistent: boolean;
  inconsistentPairs: { i: number; j: number; value: number; suggested: number; crAfter: number }[];
}

export interface TopsisResult {
  closeness: number[];
  rank: number[];
  distanceToBest: number[];
  distanceToWorst: number[];
  weights: number[];
  labels: string[];
  alternatives: string[];
}
