/**
 * One script per language: Chinese texts (template names may be stored in Traditional
 * characters, headings are written in Simplified) are converted character by character to
 * Simplified for `zh` and to Traditional for `zh-Hant`.
 *
 * A small hand-made map of the characters that occur in supply-chain-finance indicator systems
 * (the templates, the studies, this package's headings) and common neighbours; it is not a general
 * converter (no phrase-level choices beyond the few below). Characters outside it are kept.
 */

/** Report and table language: English, Simplified Chinese, Traditional Chinese. */
export type Lang = 'en' | 'zh' | 'zh-Hant';

/** The label language a language reads names in (`zh-Hant` reads the `zh` label, then converts). */
export function labelLang(lang: Lang): 'zh' | 'en' {
  return lang === 'en' ? 'en' : 'zh';
}

// Pairs "Traditional Simplified", one character each. Only characters that are not also used in
// Simplified text (so 著, 覆, 制, 台, 于 are not keys).
const PAIRS = `來来 係系 倉仓 個个 債债 價价 償偿 優优 儲储 內内 劃划 動动 務务 勢势 區区 協协 單单 員员 國国 圍围
執执 場场 審审 專专 對对 導导 層层 幣币 應应 戶户 據据 損损 數数 於于 時时 東东 條条 業业 標标 機机 歷历
決决 況况 淨净 準准 潛潜 潤润 濟济 營营 爭争 狀状 環环 現现 產产 異异 發发 監监 確确 穩稳 競竞 範范 約约
級级 絡络 統统 經经 網网 總总 罰罚 臺台 與与 蓋盖 處处 術术 規规 觀观 訂订 計计 記记 設设 詐诈 評评 誤误
請请 議议 變变 負负 財财 貨货 貸贷 資资 質质 賬账 賴赖 軟软 進进 運运 過过 違违 銀银 銷销 錄录 錯错 鏈链
長长 間间 關关 階阶 險险 電电 預预 頻频 額额 類类 風风 體体 徑径 為为 實实 會会 開开 這这 問问 題题 則则
構构 權权 檢检 驗验 證证 擔担 擴扩 當当 兩两 從从 並并 們们 傳传 僅仅 備备 億亿 兒儿 冊册 減减 幾几 憑凭
創创 勞劳 勵励 勝胜 匯汇 歸归 醫医 華华 衛卫 廠厂 廣广 縣县 參参 雙双 號号 啟启 嚴严 響响 團团 圖图 圓圆
堅坚 報报 塊块 壓压 壞坏 聲声 復复 複复 夠够 頭头 獎奖 學学 寶宝 寬宽 屬属 歲岁 島岛 帶带 師师 幫帮 庫库
廢废 張张 強强 徵征 態态 惡恶 愛爱 慣惯 懲惩 戰战 擁拥 擇择 擊击 擋挡 攜携 換换 斷断 暫暂 曆历 書书 極极
樣样 檔档 歐欧 殘残 氣气 漢汉 滿满 災灾 無无 熱热 獨独 獲获 畫画 療疗 盡尽 盤盘 碼码 礎础 禮礼 離离 種种
積积 稱称 窮穷 競竞 筆笔 節节 篩筛 簡简 簽签 糧粮 紀纪 紅红 純纯 紙纸 細细 終终 組组 結结 絕绝 綜综 綠绿
維维 緊紧 線线 編编 緣缘 縮缩 績绩 織织 繳缴 義义 習习 聯联 聞闻 職职 聽听 腦脑 臨临 興兴 舉举 舊旧 萬万
葉叶 虧亏 號号 補补 裝装 裡里 製制 視视 覺觉 觸触 認认 討讨 訓训 訪访 許许 診诊 試试 詳详 語语 說说 誰谁
課课 調调 談谈 論论 謀谋 講讲 謝谢 識识 譯译 護护 讀读 讓让 貢贡 責责 販贩 貧贫 貫贯 貴贵 費费 貿贸 賓宾
賞赏 賠赔 賣卖 賦赋 購购 贊赞 贏赢 贈赠 趨趋 跡迹 踐践 車车 軌轨 軍军 較较 載载 輔辅 輕轻 輛辆 輸输 轉转
辦办 農农 邊边 遞递 遠远 適适 遷迁 選选 遺遗 郵邮 鄉乡 醫医 釋释 鈔钞 鋼钢 錢钱 鍵键 鎖锁 鎮镇 門门 閉闭
閒闲 閱阅 闊阔 陣阵 陽阳 陰阴 陳陈 陸陆 隊队 際际 隨随 隱隐 隻只 雖虽 雜杂 難难 靈灵 頁页 項项 順顺 須须
領领 飛飞 養养 館馆 駐驻 點点 黨党 齊齐 齡龄 後后 鐘钟 註注 採采 價价 額额 值值 盈盈 虛虚 擬拟 銳锐 壽寿
擬拟 龍龙 鑒鉴 瀏浏 覽览 鬥斗 麵面 髮发 彙汇 週周 佈布 劑剂 貼贴 貶贬 幣币 錶表 屆届 釐厘 鄰邻 彈弹 勳勋
煉炼 燈灯 爐炉 燒烧 壇坛 壘垒 墊垫 嶺岭 巖岩 廳厅 懷怀 懸悬 戀恋 搶抢 摺折 撥拨 擾扰 攤摊 瀕濒 濫滥 灣湾
盜盗 睏困 礙碍 禍祸 窯窑 竊窃 籌筹 籤签 紛纷 紡纺 絲丝 綱纲 網网 緩缓 緯纬 縱纵 繫系 繼继 續续 纖纤 罷罢
聳耸 膚肤 臟脏 蘇苏 藥药 蟲虫 衝冲 襲袭 訊讯 託托 訴诉 詢询 該该 誠诚 誘诱 謊谎 證证 譜谱 讚赞 豐丰 貝贝
貪贪 貶贬 賄贿 賤贱 賺赚 賽赛 趙赵 躍跃 較较 輯辑 遜逊 遲迟 還还 邏逻 醜丑 鉅巨 銜衔 鋪铺 錦锦 鍋锅 鎊镑
闆板 闖闯 陝陕 雲云 靜静 韓韩 頓顿 頒颁 頗颇 頸颈 顧顾 顯显 颱台 飢饥 飾饰 饋馈 駕驾 騙骗 騰腾 驅驱 驚惊
鬆松 魯鲁 鮮鲜 鳳凤 鹽盐 麼么 黃黄 鼓鼓 齒齿 億亿 僱雇 儀仪 價价 劍剑 勸劝 厲厉 嘗尝 噸吨 嚇吓 圍围 墮堕
奮奋 婦妇 孫孙 寧宁 將将 尋寻 岡冈 嶄崭 幹干 廬庐 彌弥 徹彻 惱恼 慮虑 慶庆 憂忧 懶懒 挾挟 捨舍 掃扫 掛挂
揚扬 擠挤 擬拟 敗败 敵敌 斂敛 暢畅 曉晓 朧胧 桿杆 棄弃 楊杨 槓杠 樂乐 樓楼 橋桥 檢检 櫃柜 殼壳 毀毁 氫氢
決决 沒没 滬沪 潔洁 澀涩 灑洒 烏乌 煩烦 燦灿 犧牺 猶犹 獅狮 現现 璽玺 甦苏 畢毕 瘋疯 發发 皚皑 盞盏 睜睁
硃朱 碩硕 確确 禦御 秘秘 稅税 穀谷 窪洼 竄窜 筍笋 粵粤 紮扎 紹绍 綁绑 緒绪 練练 縫缝 繁繁 罈坛 羅罗 翹翘
聰聪 脅胁 脫脱 膽胆 艱艰 莖茎 薦荐 薩萨 蘭兰 虜虏 蝕蚀 衆众 裏里 覓觅 詞词 誕诞 誼谊 謹谨 譽誉 豎竖 貓猫
賬账 贓赃 趕赶 跤跤 蹤踪 軸轴 輪轮 辭辞 迴回 遊游 鄭郑 鈍钝 鉛铅 銅铜 鋁铝 錫锡 鍛锻 鐵铁 鑄铸 閃闪 閣阁
闢辟 隸隶 雛雏 霧雾 頑顽 顆颗 颳刮 餘余 饒饶 騎骑 驟骤 鬱郁 鴻鸿 麗丽 黴霉 擴扩`;

function pairs(): [string, string][] {
  const out: [string, string][] = [];
  for (const p of PAIRS.split(/\s+/)) {
    const [t, s] = Array.from(p);
    if (t && s && t !== s) out.push([t, s]);
  }
  return out;
}

/** Traditional-only character → Simplified. */
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = new Map(pairs());

// Simplified characters with several Traditional forms: the one these texts mean.
const SIMPLIFIED_CHOICE: Record<string, string | null> = {
  系: null, // 體系 (system) stays 系; 關係 and 聯繫 are phrases below
  发: '發',
  复: '複',
  历: '歷',
  征: '徵',
  制: null,
  里: '裡',
  台: '臺',
  汇: '匯',
  只: null,
  面: null,
  斗: null,
  干: '幹',
  余: '餘',
  松: '鬆',
  谷: '穀',
  表: null,
  周: null,
  布: null,
  苏: '蘇',
  签: '簽',
  坛: '壇',
  赞: '贊',
  范: '範',
  准: '準',
  于: '於',
  后: '後',
  采: '採',
  回: null,
  游: null,
  板: null,
  御: null,
  朱: null,
  扎: null,
  郁: null,
  刮: null,
  云: '雲',
  丑: '醜',
  巨: null,
  困: null,
  折: null,
  托: null,
  冲: '衝',
  舍: '捨',
  杆: '桿',
  杠: '槓',
  辟: null,
  众: '眾',
  霉: '黴',
  雇: '僱',
};

const PHRASES_TO_TRADITIONAL: [string, string][] = [
  ['关系', '關係'],
  ['联系', '聯繫'],
  ['维系', '維繫'],
  ['公里', '公里'],
  ['复现', '復現'],
  ['恢复', '恢復'],
  ['答复', '答覆'],
  ['回复', '回覆'],
  ['反复', '反覆'],
  ['复兴', '復興'],
];

function simplifiedToTraditional(): Map<string, string> {
  const m = new Map<string, string>();
  for (const [t, s] of TRADITIONAL_TO_SIMPLIFIED) {
    if (s in SIMPLIFIED_CHOICE) {
      const choice = SIMPLIFIED_CHOICE[s];
      if (choice) m.set(s, choice);
    } else if (!m.has(s)) m.set(s, t);
  }
  return m;
}

/** Simplified character → Traditional (the form these texts mean for ambiguous ones). */
export const SIMPLIFIED_TO_TRADITIONAL: ReadonlyMap<string, string> = simplifiedToTraditional();

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

function mapChars(s: string, m: ReadonlyMap<string, string>): string {
  if (!HAN.test(s)) return s;
  let out = '';
  for (const ch of s) out += m.get(ch) ?? ch;
  return out;
}

/** Text in Simplified characters: `toSimplified('電商平臺') === '电商平台'`. */
export function toSimplified(s: string): string {
  return mapChars(s, TRADITIONAL_TO_SIMPLIFIED);
}

/** Text in Traditional characters: `toTraditional('电商平台风险体系') === '電商平臺風險體系'`. */
export function toTraditional(s: string): string {
  if (!HAN.test(s)) return s;
  let out = '';
  const simplified = toSimplified(s);
  for (let i = 0; i < simplified.length; ) {
    const phrase = PHRASES_TO_TRADITIONAL.find(([a]) => simplified.startsWith(a, i));
    if (phrase) {
      out += phrase[1];
      i += phrase[0].length;
    } else {
      const ch = String.fromCodePoint(simplified.codePointAt(i) as number);
      out += SIMPLIFIED_TO_TRADITIONAL.get(ch) ?? ch;
      i += ch.length;
    }
  }
  return out;
}

/** Text in the script of `lang` (Simplified for zh, Traditional for zh-Hant, unchanged for en). */
export function inScript(s: string, lang: Lang): string {
  return lang === 'zh' ? toSimplified(s) : lang === 'zh-Hant' ? toTraditional(s) : s;
}

/** Characters of `s` that are Traditional-only (for tests and checks of a Simplified text). */
export function traditionalOnly(s: string): string[] {
  return Array.from(new Set(Array.from(s).filter((ch) => TRADITIONAL_TO_SIMPLIFIED.has(ch))));
}
