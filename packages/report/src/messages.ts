/**
 * The catalogue of texts the server writes (pre-loan reasons, alert messages, job progress, some
 * problem details), in English and
 * Chinese. The server stores and sends a text as a stable `code` with its `params` next to the
 * English `message` it has always sent (made from the English template here, or by core in the same
 * words); the workbench shows `formatMessage(text, lang)`, and the English message when a code is not
 * in the catalogue (an older row, a newer server).
 *
 * Templates name their parameters as `{{name}}`. A parameter is shown as given (numbers and money
 * keep the formatting the server gave them), or, when it is itself a text, formatted in the same
 * language; a list of texts is joined with ", " (English) or "、" (Chinese). An `indicator` or
 * `eventType` parameter (a name a warning rule uses) is shown by its `indicator.<name>` /
 * `event.<name>` entry when the catalogue has one (in English: the name itself), else as given.
 */

/** A server-written text: a catalogue code and the values its template names. */
export interface MessageText {
  code: string;
  params: Record<string, MessageParam>;
}
export type MessageParam = string | number | MessageText | MessageText[];
export type MessageLang = 'en' | 'zh';

const en = {
  // Pre-loan evaluation reasons (services/preloan.ts)
  'preloan.score.approve': 'score {{score}} ≥ approve threshold {{approve}}',
  'preloan.score.review': 'score {{score}} ≥ review threshold {{review}}, below approve {{approve}}',
  'preloan.score.decline': 'score {{score}} below review threshold {{review}}',
  'preloan.tree.decline': 'credit tree class {{class}} declines',
  'preloan.tree.review': 'credit tree class {{class}} needs a review',
  'preloan.limit.zero': 'the credit limit is 0 (no supply-chain volume in this currency, or no limit tier for the score)',
  'preloan.pool': '{{decision}} (pool {{pool}}{{asOf}}{{figures}})',
  'preloan.pool.asOf': ' as of {{date}}',
  'preloan.pool.figures': ': NPL ratio {{ratio}} against the limit {{maxNplRatio}}, NPL balance {{nplBalance}} of {{balance}}',
  'pool.decision.stopped': 'declined: pool stopped',
  'pool.decision.recovering': 'declined: pool recovering',
  'preloan.approval-refused': '{{reason}}: the application may only be declined',
  'preloan.pool-closed': '{{decision}}: pool {{pool}} ({{id}}) takes no new loans',
  'preloan.no-active-model': 'the product has no active {{kind}}: store one (POST /model-versions) and activate it before evaluating',
  'preloan.not-evaluable': 'application {{id}} is {{status}}: it can no longer be evaluated',
  'preloan.decided-already': 'application {{id}} is {{status}} already: one decision per application',
  'preloan.not-evaluated': 'application {{id}} has not been evaluated: POST /applications/{{id}}/evaluate first',
  'model-kind.scoring-rule': 'scoring-rule',
  'model-kind.weights': 'weights',
  'application-status.approved': 'approved',
  'application-status.declined': 'declined',
  'application-status.withdrawn': 'withdrawn',
  // Early-warning alerts (core monitoring/early-warning.ts, services/monitoring/reconciliation.ts)
  'alert.threshold': '{{indicator}} {{value}} {{op}} {{limit}}',
  'alert.drop': '{{indicator}} fell from {{previous}} to {{value}} ({{drop}})',
  'alert.event': '{{eventType}} on {{dates}}',
  'alert.missing': '{{indicator}} is missing',
  'alert.undated': '{{indicator}} {{value}} has no date',
  'alert.stale': '{{indicator}} is {{age}} days old (more than {{maxAgeDays}})',
  'alert.mismatch': '{{indicator}} differs between sources by {{spread}} (tolerance {{tolerance}})',
  'alert.reconciliation': 'trade {{trade}}: {{findings}}',
  // The daily run's indicators and events (server services/monitoring/engine.ts), by the names rules use
  'indicator.daysPastDue': 'daysPastDue',
  'indicator.category': 'category',
  'indicator.ltv': 'ltv',
  'indicator.transactionIndex': 'transactionIndex',
  'indicator.nplRatio': 'nplRatio',
  'event.margin-call': 'margin-call',
  'event.pool-stopped': 'pool-stopped',
  'event.core-downgrade': 'core-downgrade',
  'reconciliation.missing': 'missing',
  'reconciliation.duplicate-record': 'duplicate-record',
  'reconciliation.amount-mismatch': 'amount-mismatch',
  'reconciliation.date-out-of-tolerance': 'date-out-of-tolerance',
  'reconciliation.finding.missing': 'no {{source}} record',
  'reconciliation.finding.duplicate-record': '{{source}} record {{record}} appears twice',
  'reconciliation.finding.amount-mismatch':
    '{{from}} {{amountFrom}} against {{to}} {{amountTo}}: a difference of {{difference}} beyond the tolerance {{tolerance}}',
  'reconciliation.finding.date-out-of-tolerance': '{{source}} record {{record}} dated {{date}}, outside {{earliest}} – {{latest}}',
  'reconciliation.source.order': 'order',
  'reconciliation.source.shipment': 'shipment',
  'reconciliation.source.payment': 'payment',
  // Problem details (server problem.ts notFound: an entity of entity.*)
  'problem.not-found': 'no {{entity}} with id {{id}}',
  'auth.wrong-password': 'unknown user name or wrong password',
  'auth.sign-in-first': 'sign in first (POST /auth/login)',
  'auth.role-forbidden': 'the role {{role}} may not call {{method}} {{url}}',
  'problem.invalid.one': 'invalid {{where}}: {{count}} problem',
  'problem.invalid.many': 'invalid {{where}}: {{count}} problems',
  'problem.where.body': 'body',
  'problem.where.querystring': 'querystring',
  'problem.where.params': 'params',
  'problem.where.headers': 'headers',
  'problem.where.input': 'input',
  'entity.alert': 'alert',
  'entity.application': 'application',
  'entity.enterprise': 'enterprise',
  'entity.evaluation': 'evaluation',
  'entity.financing-product': 'financing product',
  'entity.invitation': 'invitation',
  'entity.job': 'job',
  'entity.loan': 'loan',
  'entity.loan-disbursed-by-the-override-date': 'loan disbursed by the override date',
  'entity.margin-account': 'margin account',
  'entity.model-version': 'model version',
  'entity.questionnaire': 'questionnaire',
  'entity.stop-loss-pool': 'stop-loss pool',
  'entity.study-run': 'study run',
  'entity.supply-chain-link': 'supply-chain link',
  'entity.template': 'template',
  'entity.user': 'user',
  // Job progress (server jobs/kinds/*.ts, services/monitoring/job.ts)
  'job.done': 'done',
  'job.study.running': 'running the study',
  'job.study.done': 'done (last step: {{step}})',
  'job.tree-training.reading': 'reading the loan history',
  'job.tree-training.training': 'training {{algorithm}} on {{rows}} rows',
  'job.tree-validation.reading': 'reading the tree and the loans',
  'job.tree-validation.classifying': 'classifying {{rows}} loans',
  'job.portfolio.documents': '{{done}} of {{total}} documents',
  'job.portfolio.ranks': 'rank probabilities: {{done}} of {{total}} documents',
  'job.monitoring.running': 'monitoring run of {{date}}',
  'job.monitoring.ran-already': 'the date was already run',
} as const;

export type MessageCode = keyof typeof en;

const zh: Record<MessageCode, string> = {
  'preloan.score.approve': '得分 {{score}} ≥ 通过阈值 {{approve}}',
  'preloan.score.review': '得分 {{score}} ≥ 复核阈值 {{review}}，低于通过阈值 {{approve}}',
  'preloan.score.decline': '得分 {{score}} 低于复核阈值 {{review}}',
  'preloan.tree.decline': '信用决策树判为 {{class}} 类：拒绝',
  'preloan.tree.review': '信用决策树判为 {{class}} 类：需人工复核',
  'preloan.limit.zero': '授信额度为 0（该币种下无供应链交易量，或得分未达任何额度档位）',
  'preloan.pool': '{{decision}}（止损池 {{pool}}{{asOf}}{{figures}}）',
  'preloan.pool.asOf': '，截至 {{date}}',
  'preloan.pool.figures': '：不良率 {{ratio}}，止损线 {{maxNplRatio}}，不良余额 {{nplBalance}}，贷款余额 {{balance}}',
  'pool.decision.stopped': '拒绝：止损池已止损',
  'pool.decision.recovering': '拒绝：止损池恢复中',
  'preloan.approval-refused': '{{reason}}：该申请只能拒绝',
  'preloan.pool-closed': '{{decision}}：止损池 {{pool}}（{{id}}）暂停新增放款',
  'preloan.no-active-model': '该产品没有启用中的{{kind}}：请先保存一个版本（POST /model-versions）并启用，再作评估',
  'preloan.not-evaluable': '申请 {{id}} 已{{status}}：不能再评估',
  'preloan.decided-already': '申请 {{id}} 已{{status}}：每笔申请只能决定一次',
  'preloan.not-evaluated': '申请 {{id}} 尚未评估：请先评估（POST /applications/{{id}}/evaluate）',
  'model-kind.scoring-rule': '评分规则',
  'model-kind.weights': '权重',
  'application-status.approved': '批准',
  'application-status.declined': '拒绝',
  'application-status.withdrawn': '撤回',
  'alert.threshold': '{{indicator}}为 {{value}}（{{op}} {{limit}}）',
  'alert.drop': '{{indicator}}由 {{previous}} 降至 {{value}}（降幅 {{drop}}）',
  'alert.event': '{{dates}} 发生事件：{{eventType}}',
  'alert.missing': '{{indicator}}缺失',
  'alert.undated': '{{indicator}}的值 {{value}} 没有日期',
  'alert.stale': '{{indicator}}已 {{age}} 天未更新（超过 {{maxAgeDays}} 天）',
  'alert.mismatch': '{{indicator}}各来源相差 {{spread}}（容差 {{tolerance}}）',
  'indicator.daysPastDue': '逾期天数',
  'indicator.category': '五级分类',
  'indicator.ltv': '质押率（LTV）',
  'indicator.transactionIndex': '交易指数',
  'indicator.nplRatio': '不良率',
  'event.margin-call': '追加保证金通知',
  'event.pool-stopped': '止损池止损',
  'event.core-downgrade': '核心企业评级下调',
  'alert.reconciliation': '交易 {{trade}}：{{findings}}',
  'reconciliation.missing': '记录缺失',
  'reconciliation.duplicate-record': '记录重复',
  'reconciliation.amount-mismatch': '金额不符',
  'reconciliation.date-out-of-tolerance': '日期超出容差',
  'reconciliation.finding.missing': '缺少{{source}}记录',
  'reconciliation.finding.duplicate-record': '{{source}}记录 {{record}} 重复出现',
  'reconciliation.finding.amount-mismatch':
    '{{from}}金额 {{amountFrom}} 与{{to}}金额 {{amountTo}} 相差 {{difference}}，超出容差 {{tolerance}}',
  'reconciliation.finding.date-out-of-tolerance': '{{source}}记录 {{record}} 的日期 {{date}} 不在 {{earliest}} 至 {{latest}} 之间',
  'reconciliation.source.order': '订单',
  'reconciliation.source.shipment': '发货',
  'reconciliation.source.payment': '付款',
  'problem.not-found': '找不到 id 为 {{id}} 的{{entity}}',
  'auth.wrong-password': '用户名不存在或密码错误',
  'auth.sign-in-first': '请先登录（POST /auth/login）',
  'auth.role-forbidden': '角色 {{role}} 无权调用 {{method}} {{url}}',
  'problem.invalid.one': '{{where}}有 {{count}} 处问题',
  'problem.invalid.many': '{{where}}有 {{count}} 处问题',
  'problem.where.body': '提交的内容',
  'problem.where.querystring': '查询参数',
  'problem.where.params': '路径参数',
  'problem.where.headers': '请求头',
  'problem.where.input': '输入',
  'entity.alert': '预警',
  'entity.application': '融资申请',
  'entity.enterprise': '企业',
  'entity.evaluation': '评估',
  'entity.financing-product': '融资产品',
  'entity.invitation': '邀请',
  'entity.job': '后台任务',
  'entity.loan': '贷款',
  'entity.loan-disbursed-by-the-override-date': '在调整生效日之前已发放的贷款',
  'entity.margin-account': '保证金账户',
  'entity.model-version': '模型版本',
  'entity.questionnaire': '问卷',
  'entity.stop-loss-pool': '止损池',
  'entity.study-run': '研究运行',
  'entity.supply-chain-link': '供应链关系',
  'entity.template': '模板',
  'entity.user': '用户',
  'job.done': '完成',
  'job.study.running': '正在运行研究',
  'job.study.done': '完成（最后一步：{{step}}）',
  'job.tree-training.reading': '正在读取贷款历史',
  'job.tree-training.training': '正在用 {{algorithm}} 训练（{{rows}} 行）',
  'job.tree-validation.reading': '正在读取决策树和贷款',
  'job.tree-validation.classifying': '正在分类 {{rows}} 笔贷款',
  'job.portfolio.documents': '已完成 {{done}} / {{total}} 份文档',
  'job.portfolio.ranks': '排名概率：已完成 {{done}} / {{total}} 份文档',
  'job.monitoring.running': '{{date}} 的日终监控',
  'job.monitoring.ran-already': '该日期已执行过监控',
};

/** Both languages' templates, by code. */
export const MESSAGES: Record<MessageLang, Record<MessageCode, string>> = { en, zh };

/** Whether `code` is in the catalogue. */
export const isMessageCode = (code: string): code is MessageCode => Object.hasOwn(en, code);

/** A text of the catalogue (the server's constructor: `messageText('preloan.tree.review', { class: 'bad' })`). */
export const messageText = (code: MessageCode, params: Record<string, MessageParam> = {}): MessageText => ({ code, params });

/** `text` in `lang`; undefined when its code (or a nested text's) is not in the catalogue. */
export function formatMessage(text: MessageText, lang: MessageLang): string | undefined {
  if (!isMessageCode(text.code)) return undefined;
  let unknown = false;
  const templates: Record<string, string> = MESSAGES[lang];
  const show = (p: MessageParam | undefined, name: string): string => {
    if (p === undefined) return '';
    if (typeof p === 'string' && (name === 'indicator' || name === 'eventType'))
      return templates[`${name === 'indicator' ? 'indicator' : 'event'}.${p}`] ?? p;
    if (typeof p === 'string' || typeof p === 'number') return String(p);
    const parts = (Array.isArray(p) ? p : [p]).map((x) => formatMessage(x, lang));
    if (parts.some((x) => x === undefined)) unknown = true;
    return parts.join(lang === 'zh' ? '、' : ', ');
  };
  const out = templates[text.code]!.replace(/\{\{(\w+)\}\}/g, (_, name: string) => show(text.params[name], name));
  return unknown ? undefined : out;
}
