// The signed-in session: probes /auth/me on start, logs in and out, keeps the CSRF token.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler, type Session, type User } from "./api";

interface AuthState {
  user: User | null;
  checking: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState>({ user: null, checking: true, login: async () => {}, logout: async () => {} });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken("");
      setUser(null);
    });
    api<Session>("/api/v1/auth/me", { quiet401: true })
      .then((s) => {
        setCsrfToken(s.csrf_token ?? "");
        setUser(s.user);
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.warn("session probe failed", e);
      })
      .finally(() => setChecking(false));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const s = await api<Session>("/api/v1/auth/login", { body: { username, password }, quiet401: true });
    setCsrfToken(s.csrf_token ?? "");
    setUser(s.user);
  }, []);
  const logout = useCallback(async () => {
    try {
      await api("/api/v1/auth/logout", { method: "POST", quiet401: true });
    } finally {
      setCsrfToken("");
      setUser(null);
    }
  }, []);
  return <AuthContext.Provider value={{ user, checking, login, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth() {
  return useContext(AuthContext);
}
