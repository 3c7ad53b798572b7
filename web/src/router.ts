// Hash routing ("#/explorer?range=last7…"): works with any static file server and keeps each
// page's state in the URL so views can be shared and reloaded.
import { useEffect, useState } from "react";

export interface Route {
  path: string;
  search: string;
}

function current(): Route {
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const q = hash.indexOf("?");
  return q < 0 ? { path: hash, search: "" } : { path: hash.slice(0, q), search: hash.slice(q + 1) };
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const listener = () => setRoute(current());
    window.addEventListener("hashchange", listener);
    return () => window.removeEventListener("hashchange", listener);
  }, []);
  return route;
}

/** Goes to `path` with query string `search`; `replace` keeps the history entry (for live state edits). */
export function navigate(path: string, search = "", replace = false): void {
  const hash = `#${path}${search ? `?${search}` : ""}`;
  if (window.location.hash === hash) return;
  if (replace) {
    history.replaceState(null, "", hash);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    window.location.hash = hash;
  }
}
