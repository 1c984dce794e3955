/**
 * The layout (title, navigation by role, the language switch, the user) and the routes. Pages
 * live under /app (the server sends index.html for any /app/… path); `/` redirects there. Every
 * page but sign-in and the overview is a chunk of its own, loaded on its first visit.
 */
import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { type CAN, can, useLogout, useMe } from './auth.ts';
import { ErrorNote } from './components/ErrorNote.tsx';
import { LANGS } from './i18n.ts';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';

/** A page loaded on first visit (its own chunk), from the module's named export. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const ApplicationDetailPage = page(() => import('./pages/ApplicationDetailPage.tsx'), 'ApplicationDetailPage');
const ApplicationsPage = page(() => import('./pages/ApplicationsPage.tsx'), 'ApplicationsPage');
const AuditPage = page(() => import('./pages/AuditPage.tsx'), 'AuditPage');
const CreditPage = page(() => import('./pages/CreditPage.tsx'), 'CreditPage');
const EnterprisesPage = page(() => import('./pages/EnterprisesPage.tsx'), 'EnterprisesPage');
const EvaluationsPage = page(() => import('./pages/EvaluationsPage.tsx'), 'EvaluationsPage');
const ExpertQuestionnairePage = page(() => import('./pages/ExpertQuestionnairePage.tsx'), 'ExpertQuestionnairePage');
const LoanDetailPage = page(() => import('./pages/LoanDetailPage.tsx'), 'LoanDetailPage');
const LoansPage = page(() => import('./pages/LoansPage.tsx'), 'LoansPage');
const ModelsPage = page(() => import('./pages/ModelsPage.tsx'), 'ModelsPage');
const MonitoringPage = page(() => import('./pages/MonitoringPage.tsx'), 'MonitoringPage');
const QuestionnaireDetailPage = page(() => import('./pages/QuestionnaireDetailPage.tsx'), 'QuestionnaireDetailPage');
const QuestionnairesPage = page(() => import('./pages/QuestionnairesPage.tsx'), 'QuestionnairesPage');
const ReportsPage = page(() => import('./pages/ReportsPage.tsx'), 'ReportsPage');
const WeightsPage = page(() => import('./pages/WeightsPage.tsx'), 'WeightsPage');

/** The navigation: path, text key, who sees it. */
const NAV: { to: string; key: string; need: keyof typeof CAN }[] = [
  { to: '/', key: 'nav.home', need: 'methods' },
  { to: '/enterprises', key: 'nav.enterprises', need: 'readBook' },
  { to: '/applications', key: 'nav.applications', need: 'readBook' },
  { to: '/loans', key: 'nav.loans', need: 'readBook' },
  { to: '/monitoring', key: 'nav.monitoring', need: 'readBook' },
  { to: '/models', key: 'nav.models', need: 'readBook' },
  { to: '/weights', key: 'nav.weights', need: 'methods' },
  { to: '/evaluations', key: 'nav.evaluations', need: 'methods' },
  { to: '/credit', key: 'nav.credit', need: 'writeBook' },
  { to: '/reports', key: 'nav.reports', need: 'writeBook' },
  { to: '/questionnaires', key: 'nav.questionnaires', need: 'questionnaires' },
  { to: '/audit', key: 'nav.audit', need: 'readAudit' },
];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="lang" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={i18n.language === l}
          onClick={() => void i18n.changeLanguage(l)}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </fieldset>
  );
}

export function App() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const location = useLocation();
  // An expert's link: answered without an account (the token is the credential).
  if (location.pathname.startsWith('/q/'))
    return (
      <>
        <header className="top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </header>
        <main id="main" className="expert">
          <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
            <Routes>
              <Route path="/q/:token" element={<ExpertQuestionnairePage />} />
            </Routes>
          </Suspense>
        </main>
      </>
    );
  if (me.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (me.error) return <ErrorNote error={me.error} />;
  const user = me.data;
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
        {user && (
          <span className="user">
            {t('login.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}{' '}
            <button type="button" onClick={() => logout.mutate()}>
              {t('login.logout')}
            </button>
          </span>
        )}
      </header>
      {user ? (
        <div className="shell">
          <nav aria-label={t('nav.main')}>
            <ul>
              {NAV.filter((n) => can(user, n.need)).map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.to === '/'}>
                    {t(n.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main">
            <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/enterprises" element={<EnterprisesPage />} />
                <Route path="/applications" element={<ApplicationsPage />} />
                <Route path="/applications/:id" element={<ApplicationDetailPage />} />
                <Route path="/loans" element={<LoansPage />} />
                <Route path="/loans/:id" element={<LoanDetailPage />} />
                <Route path="/monitoring" element={<MonitoringPage />} />
                <Route path="/models" element={<ModelsPage />} />
                <Route path="/weights" element={<WeightsPage />} />
                <Route path="/evaluations" element={<EvaluationsPage />} />
                <Route path="/questionnaires" element={<QuestionnairesPage />} />
                <Route path="/questionnaires/:id" element={<QuestionnaireDetailPage />} />
                <Route path="/my/:id" element={<ExpertQuestionnairePage />} />
                <Route path="/credit" element={<CreditPage />} />
                <Route path="/reports" element={<ReportsPage />} />
                <Route path="/audit" element={<AuditPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </main>
        </div>
      ) : (
        <main id="main">
          <LoginPage />
        </main>
      )}
    </>
  );
}
