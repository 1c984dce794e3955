/**
 * The demo book's supply chains (SPEC §6.1): four core enterprises in different industries, the
 * SMEs on their chains — suppliers upstream (they sell to the core) and distributors downstream
 * (they buy from it) — with a hidden quality q ~ N(0, 1) each (the generator's risk driver, never
 * stored), the supply-chain links between them (every SME to its core; some also to a second
 * core, some suppliers to a tier-2 supplier), three logistics companies, a platform and a bank.
 * Names and credit codes are fictional.
 *
 * Link volume: log-normal around a median per kind (supplier → core ¥25 m a year, core →
 * distributor ¥18 m, tier-2 ¥6 m; σ = 0.9), rounded to ¥10,000, clamped to [¥0.5 m, ¥2 bn].
 */
import { addDays, type IsoDate } from '@scf-risk/core';
import type { DemoRandom } from './random.ts';

export type Row = Record<string, unknown>;

export interface Commodity {
  code: string;
  unit: string;
  /** Price (fen per unit) at the start of the series. */
  startPrice: number;
  /** Annual drift and volatility of the log price. */
  drift: number;
  volatility: number;
}

/** The commodities pledged on the chains, named as a Chinese lender's book names them (prices in fen per tonne). */
export const COMMODITIES: readonly Commodity[] = [
  { code: '电解铜', unit: '吨', startPrice: 7_000_000, drift: 0.04, volatility: 0.18 },
  { code: '冷轧板卷', unit: '吨', startPrice: 450_000, drift: -0.02, volatility: 0.2 },
  { code: 'ABS树脂', unit: '吨', startPrice: 1_100_000, drift: 0, volatility: 0.22 },
  { code: '铝锭', unit: '吨', startPrice: 1_900_000, drift: 0.03, volatility: 0.16 },
  { code: '天然橡胶', unit: '吨', startPrice: 1_400_000, drift: 0.02, volatility: 0.28 },
  { code: '热轧卷板', unit: '吨', startPrice: 380_000, drift: -0.03, volatility: 0.22 },
  { code: '螺纹钢', unit: '吨', startPrice: 350_000, drift: -0.04, volatility: 0.24 },
  { code: '铁矿石', unit: '吨', startPrice: 80_000, drift: -0.05, volatility: 0.32 },
  { code: '豆粕', unit: '吨', startPrice: 320_000, drift: 0.01, volatility: 0.2 },
  { code: '白糖', unit: '吨', startPrice: 600_000, drift: 0.02, volatility: 0.17 },
  { code: '棕榈油', unit: '吨', startPrice: 800_000, drift: 0.03, volatility: 0.25 },
];

export interface Chain {
  /** The industry, as stored on every enterprise of the chain (Chinese, like the enterprises' names). */
  industry: string;
  core: string;
  region: string;
  cities: readonly string[];
  /** Share of the SMEs on this chain. */
  share: number;
  /** Share of the chain's SMEs that are suppliers (the rest distribute). */
  supplierShare: number;
  commodities: readonly string[];
  supplierTrades: readonly string[];
  distributorTrades: readonly string[];
}

export const CHAINS: readonly Chain[] = [
  {
    industry: '家电',
    core: '海岳家电集团股份有限公司',
    region: '山东',
    cities: ['青岛', '烟台', '潍坊', '济南', '宁波', '佛山', '合肥'],
    share: 0.28,
    supplierShare: 0.6,
    commodities: ['电解铜', '冷轧板卷', 'ABS树脂'],
    supplierTrades: ['电子', '模具', '塑胶', '五金', '压缩机配件', '包装'],
    distributorTrades: ['电器销售', '家电商贸', '电器连锁', '家居'],
  },
  {
    industry: '汽车',
    core: '江汉汽车工业集团有限公司',
    region: '湖北',
    cities: ['武汉', '襄阳', '十堰', '长沙', '重庆', '柳州', '芜湖'],
    share: 0.26,
    supplierShare: 0.7,
    commodities: ['铝锭', '天然橡胶', '热轧卷板'],
    supplierTrades: ['汽车零部件', '精密铸造', '橡胶制品', '线束', '汽车电子', '冲压'],
    distributorTrades: ['汽车销售服务', '汽车贸易', '汽配商贸'],
  },
  {
    industry: '钢铁',
    core: '燕北钢铁集团有限公司',
    region: '河北',
    cities: ['唐山', '邯郸', '天津', '石家庄', '沧州', '秦皇岛', '保定'],
    share: 0.22,
    supplierShare: 0.35,
    commodities: ['铁矿石', '螺纹钢', '热轧卷板'],
    supplierTrades: ['矿业', '耐火材料', '焦化', '物资'],
    distributorTrades: ['钢材贸易', '金属材料', '钢铁物资', '建材'],
  },
  {
    industry: '食品零售',
    core: '岭南食品商贸集团有限公司',
    region: '广东',
    cities: ['广州', '东莞', '湛江', '佛山', '南宁', '厦门', '汕头'],
    share: 0.24,
    supplierShare: 0.5,
    commodities: ['豆粕', '白糖', '棕榈油'],
    supplierTrades: ['粮油', '农产品', '食品加工', '冷链食品', '调味品'],
    distributorTrades: ['食品商贸', '超市', '副食品批发', '便利店'],
  },
];

const WORDS = ['恒', '瑞', '鑫', '华', '顺', '达', '盛', '嘉', '泰', '宏', '信', '诚', '通', '丰', '远', '兴', '安', '隆', '源', '益'];

/** An SME as the generator sees it (q is the hidden quality, never stored). */
export interface Sme {
  id: string;
  kind: 'sme-supplier' | 'sme-distributor';
  chain: Chain;
  coreId: string;
  q: number;
  /** Annual volume of its link to its core (minor units). */
  volume: number;
}

export interface ChainBook {
  enterprises: Row[];
  links: Row[];
  cores: Map<string, string>;
  smes: Sme[];
  logistics: string[];
  platformId: string;
  bankId: string;
}

const YUAN = 100;
const roundTo = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);
const FREQUENCIES = { daily: 0.03, weekly: 0.17, monthly: 0.5, quarterly: 0.24, occasional: 0.06 } as const;

function volume(rand: DemoRandom, median: number): number {
  return Math.min(2_000_000_000 * YUAN, Math.max(500_000 * YUAN, roundTo(rand.logNormal(median * YUAN, 0.9), 10_000 * YUAN)));
}

/** The enterprises and links of a book with `smeCount` SMEs (see the module comment). */
export function generateChains(rand: DemoRandom, asOf: IsoDate, smeCount: number): ChainBook {
  const enterprises: Row[] = [];
  let serial = 0;
  const addEnterprise = (name: string, kind: string, industry: string, region: string) => {
    const id = rand.uuid();
    serial++;
    enterprises.push({
      id,
      name,
      kind,
      industry,
      region,
      creditCode: `91${String(110000 + serial * 37).slice(0, 6)}MA${String(serial).padStart(7, '0')}X`,
    });
    return id;
  };
  const cores = new Map<string, string>();
  for (const c of CHAINS) cores.set(c.industry, addEnterprise(c.core, 'core', c.industry, c.region));
  const logistics = [
    addEnterprise('中储恒通物流有限公司', 'logistics', '物流', '天津'),
    addEnterprise('顺畅供应链管理有限公司', 'logistics', '物流', '广东'),
    addEnterprise('华运仓储物流股份有限公司', 'logistics', '物流', '湖北'),
  ];
  const platformId = addEnterprise('链融科技服务有限公司', 'platform', '互联网平台', '北京');
  const bankId = addEnterprise('示范商业银行股份有限公司', 'bank', '银行', '上海');

  const names = new Set<string>();
  const smes: Sme[] = [];
  const links: Row[] = [];
  const pairs = new Set<string>();
  const link = (buyerId: string, sellerId: string, annual: number) => {
    const key = `${buyerId}/${sellerId}`;
    if (buyerId === sellerId || pairs.has(key)) return;
    pairs.add(key);
    links.push({
      id: rand.uuid(),
      buyerId,
      sellerId,
      since: addDays(asOf, -rand.int(400, 3650)),
      frequency: rand.weighted(FREQUENCIES),
      annualVolumeMinor: annual,
      currency: 'CNY',
    });
  };
  for (let k = 0; k < smeCount; k++) {
    const chain = pickChain(rand);
    const supplier = rand.chance(chain.supplierShare);
    const trade = rand.pick(supplier ? chain.supplierTrades : chain.distributorTrades);
    let name = '';
    for (let attempt = 0; attempt < 20 && (name === '' || names.has(name)); attempt++)
      name = `${rand.pick(chain.cities)}${rand.pick(WORDS)}${rand.pick(WORDS)}${trade}有限公司`;
    if (names.has(name)) name = name.replace('有限公司', `${k}有限公司`);
    names.add(name);
    const kind = supplier ? 'sme-supplier' : 'sme-distributor';
    const id = addEnterprise(name, kind, chain.industry, chain.region);
    const coreId = cores.get(chain.industry) as string;
    const v = volume(rand, supplier ? 25_000_000 : 18_000_000);
    smes.push({ id, kind, chain, coreId, q: rand.normal(), volume: v });
    if (supplier) link(coreId, id, v);
    else link(id, coreId, v);
  }
  for (const s of smes) {
    if (rand.chance(0.15)) {
      const other = rand.pick(CHAINS.filter((c) => c !== s.chain));
      const otherCore = cores.get(other.industry) as string;
      const v = volume(rand, 8_000_000);
      if (s.kind === 'sme-supplier') link(otherCore, s.id, v);
      else link(s.id, otherCore, v);
    }
    if (s.kind === 'sme-supplier' && rand.chance(0.2)) {
      const peers = smes.filter((p) => p.kind === 'sme-supplier' && p.chain === s.chain && p !== s);
      if (peers.length) link(rand.pick(peers).id, s.id, volume(rand, 6_000_000));
    }
  }
  return { enterprises, links, cores, smes, logistics, platformId, bankId };
}

function pickChain(rand: DemoRandom): Chain {
  let u = rand.next();
  for (const c of CHAINS) {
    u -= c.share;
    if (u < 0) return c;
  }
  return CHAINS[CHAINS.length - 1] as Chain;
}
