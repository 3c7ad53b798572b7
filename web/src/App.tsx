// The application shell: login gate, navigation (collapsing on phones), theme toggle, pages.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useAuth } from "./auth";
import { useTheme } from "./theme";
import { navigate, useRoute } from "./router";
import { Login } from "./pages/Login";
import { Overview } from "./pages/Overview";
import { Explorer } from "./pages/Explorer";
import { DataSources } from "./pages/DataSources";
import { Settings } from "./pages/Settings";
import { Anomalies } from "./pages/Anomalies";
import { Budgets } from "./pages/Budgets";
import { AlertRules } from "./pages/AlertRules";
import { Recommendations } from "./pages/Recommendations";

interface PageDef {
  path: string;
  title: string;
  section: "Costs" | "Optimize" | "Admin";
  render: (search: string) => ReactNode;
}

const kPages: PageDef[] = [
  { path: "/", title: "Overview", section: "Costs", render: () => <Overview /> },
  { path: "/explorer", title: "Cost explorer", section: "Costs", render: (s) => <Explorer search={s} /> },
  { path: "/anomalies", title: "Anomalies", section: "Optimize", render: () => <Anomalies /> },
  { path: "/budgets", title: "Budgets", section: "Optimize", render: () => <Budgets /> },
  { path: "/recommendations", title: "Recommendations", section: "Optimize", render: () => <Recommendations /> },
  { path: "/alerts", title: "Alert rules", section: "Optimize", render: () => <AlertRules /> },
  { path: "/data", title: "Data sources", section: "Admin", render: () => <DataSources /> },
  { path: "/settings", title: "Settings", section: "Admin", render: () => <Settings /> },
];

export function App() {
  const { user, checking, logout } = useAuth();
  const { theme, toggle } = useTheme();
  const route = useRoute();
  const [navOpen, setNavOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const page = kPages.find((p) => p.path === route.path);

  const firstPath = useRef(true);
  useEffect(() => {
    setNavOpen(false);
    document.title = `${page?.title ?? "Not found"} · CloudOptima`;
    // Moving between pages puts keyboard and screen reader focus at the new page's start.
    if (firstPath.current) firstPath.current = false;
    else mainRef.current?.focus({ preventScroll: true });
  }, [route.path, page]);

  if (checking) return <div className="loading" role="status">Loading CloudOptima…</div>;
  if (!user) return <Login />;

  const themeButton = (
    <button onClick={toggle} aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}>
      {theme === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
  return (
    <div className="layout">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand" style={{ margin: 0 }}>
          <span className="brand-mark" aria-hidden="true" /> CloudOptima
        </span>
        <button aria-expanded={navOpen} aria-controls="sidebar" onClick={() => setNavOpen((o) => !o)}>
          ☰ Menu
        </button>
      </header>
      <nav id="sidebar" className={`sidebar${navOpen ? " open" : ""}`} aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" /> CloudOptima
        </div>
        <div className="nav">
          {(["Costs", "Optimize", "Admin"] as const).map((section) => (
            <div key={section}>
              <div className="nav-section">{section}</div>
              {kPages
                .filter((p) => p.section === section)
                .map((p) => (
                  <a key={p.path} href={`#${p.path}`} aria-current={route.path === p.path ? "page" : undefined}>
                    {p.title}
                  </a>
                ))}
            </div>
          ))}
        </div>
        <div className="sidebar-footer">
          <div>
            Signed in as <strong>{user.username}</strong> ({user.role})
          </div>
          {themeButton}
          <button onClick={() => void logout().then(() => navigate("/"))}>Sign out</button>
        </div>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {page ? (
          page.render(route.search)
        ) : (
          <div className="notice">
            <h1>Page not found</h1>
            There is no page at <code>{route.path}</code>. <a href="#/">Go to the overview</a>.
          </div>
        )}
      </main>
    </div>
  );
}
