// The sign-in page (POST /api/v1/auth/login; the server sets the session cookie).
import { useState, type FormEvent } from "react";
import { useAuth } from "../auth";
import { ApiError } from "../api";
import { ErrorNotice } from "../components/common";
import { useTheme } from "../theme";

export function Login() {
  const { login } = useAuth();
  const { theme, toggle } = useTheme();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username, password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const badCredentials = error instanceof ApiError && error.status === 401;
  return (
    <main className="login">
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div className="row">
          <h1 id="login-title" style={{ margin: 0 }}>
            Sign in to CloudOptima
          </h1>
        </div>
        <label className="field">
          <span>Username</span>
          <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {badCredentials ? (
          <div className="notice error" role="alert">
            The username or password is wrong. Check them and try again; an admin can reset your password.
          </div>
        ) : (
          <ErrorNotice error={error} title="Sign-in failed" />
        )}
        <button className="primary" type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <button type="button" onClick={toggle}>
          Use {theme === "dark" ? "light" : "dark"} theme
        </button>
      </form>
    </main>
  );
}
