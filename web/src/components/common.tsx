// Shared UI pieces: the data-loading hook, error and empty states, loading text, status badges.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../api";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change (aborting the previous run) and on reload(). */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef
      .current(controller.signal)
      .then((d) => {
        if (!controller.signal.aborted) {
          setData(d);
          setLoading(false);
        }
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

function nextStep(e: ApiError): string {
  switch (e.code) {
    case "unauthenticated":
      return "Sign in again.";
    case "permission_denied":
      return "Your role does not allow this; ask an admin for a higher role.";
    case "not_found":
      return "It may have been deleted; go back and reload the list.";
    case "invalid_argument":
      return "Correct the highlighted input and try again.";
    case "conflict":
      return "It changed or already exists; reload and retry.";
    case "payload_too_large":
      return "Split the file or compress it with gzip.";
    case "rate_limited":
      return "Wait a moment and retry.";
    case "unavailable":
    case "network":
      return "Check that the server is running, then retry.";
    default:
      return "Retry; if it keeps failing, send the trace id to your administrator.";
  }
}

/** An error box: the API's message, what to do next, details and the trace id. */
export function ErrorNotice({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="notice error" role="alert">
      <strong>{title ?? "Something went wrong"}: </strong>
      {message}
      {e && <div>{nextStep(e)}</div>}
      {e && e.details.length > 0 && (
        <ul>
          {e.details.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code> {d.problem}
            </li>
          ))}
        </ul>
      )}
      {e?.traceId && <div className="trace">Trace id: {e.traceId}</div>}
      {onRetry && (
        <div style={{ marginTop: 8 }}>
          <button onClick={onRetry}>Retry</button>
        </div>
      )}
    </div>
  );
}

/** True when the error is a 404 of a route this server does not have yet. */
export function isNotAvailable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 501 || error.status === 405);
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      Loading {what}…
    </div>
  );
}

export function Badge({ value }: { value: string | undefined | null }) {
  const v = value ?? "unknown";
  return <span className={`badge ${v.toLowerCase()}`}>{v}</span>;
}

/** The page's empty state when an endpoint of issues 4 and 5 is not on this server yet. */
export function NotAvailable({ feature }: { feature: string }) {
  return (
    <div className="notice" role="status">
      <strong>{feature} is not available on this server yet.</strong> The server answered 404 for its API route.
      Upgrade CloudOptima to a version that has it, then reload this page.
    </div>
  );
}
