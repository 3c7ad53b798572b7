// HTTP client for the CloudOptima REST API (docs/api.md): JSON in and out, the session cookie,
// the CSRF token on mutations, and the API's error shape turned into ApiError.

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { path?: string; problem?: string }[];
  trace_id?: string;
}

/** An HTTP error from the API, carrying its code, message and trace id. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly traceId: string | undefined;
  readonly details: { path?: string; problem?: string }[];

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.traceId = body.trace_id;
    this.details = body.details ?? [];
  }
}

let csrfToken = "";
let onUnauthenticated: () => void = () => {};

/** Remembers the CSRF token from /auth/login or /auth/me; it is sent on every mutation. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request answers 401 (the session ended): the app shows the login page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { error?: ApiErrorBody };
    if (parsed && parsed.error && typeof parsed.error.message === "string") {
      return new ApiError(response.status, parsed.error);
    }
  } catch {
    // Not JSON (a proxy page, say): fall through to a generic error.
  }
  const isHtml = /^\s*</.test(text);
  const detail = isHtml ? " (the answer was not the API's JSON: is this address a CloudOptima server?)" : text ? `: ${text.slice(0, 200)}` : "";
  return new ApiError(response.status, {
    code: `http_${response.status}`,
    message: `${response.status} ${response.statusText || "error"}${detail}`,
    trace_id: response.headers.get("X-Request-Id") ?? undefined,
  });
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  rawBody?: BodyInit;
  contentType?: string;
  signal?: AbortSignal;
  /** Do not trigger the login page on 401 (used by the session probe and the login form). */
  quiet401?: boolean;
}

/** Sends a request and returns the raw Response when it is 2xx; throws ApiError otherwise. */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? (options.body !== undefined || options.rawBody ? "POST" : "GET");
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers["Content-Type"] = options.contentType ?? "application/octet-stream";
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] = "application/json";
  }
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "same-origin", signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, {
      code: "network",
      message: "The server could not be reached. Check that cloudoptima serve is running, then retry.",
    });
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && !options.quiet401) onUnauthenticated();
    throw error;
  }
  return response;
}

/** Sends a request and parses the JSON answer (an empty body gives null). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** Returns the array held by a list response, whatever its key (`{"users":[…]}`, `{"items":[…]}` or a bare array). */
export function listOf<T>(response: unknown, key: string): T[] {
  if (Array.isArray(response)) return response as T[];
  if (response && typeof response === "object") {
    const record = response as Record<string, unknown>;
    for (const k of [key, "items", "data"]) if (Array.isArray(record[k])) return record[k] as T[];
  }
  return [];
}

export type Role = "viewer" | "editor" | "admin" | "owner";
export const kRoles: Role[] = ["viewer", "editor", "admin", "owner"];

/** True when `role` includes `needed` (viewer < editor < admin < owner). */
export function hasRole(role: string | undefined, needed: Role): boolean {
  return kRoles.indexOf((role ?? "viewer") as Role) >= kRoles.indexOf(needed);
}

export interface User {
  username: string;
  role: Role;
}

export interface Session {
  user: User;
  csrf_token: string;
}
