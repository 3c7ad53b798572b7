// Settings: users (admins add, change roles, delete), the roles, and API tokens (the secret is
// shown once with a copy button, at most the creator's role). Viewers and editors see the users
// read-only; everyone manages their own tokens, as the API allows.
import { useState, type FormEvent } from "react";
import { api, ApiError, hasRole, kRoles, listOf, type Role, type User } from "../api";
import { useAuth } from "../auth";
import { Empty, ErrorNotice, Loading, useLoad } from "../components/common";
import { ObjectTable, type Column } from "../components/ObjectTable";
import { formatTime } from "../dates";

interface Token {
  id: string;
  name: string;
  role: Role;
  created_at?: string;
  expires_at?: string | null;
  last_used_at?: string | null;
  username?: string;
}

const kRoleText: Record<Role, string> = {
  viewer: "Reads everything: costs, sources, jobs, recommendations.",
  editor: "Viewer, plus ingest files and folders, manage sources, budgets, alert rules, act on recommendations and anomalies.",
  admin: "Editor, plus manage users and other users' API tokens, and settings.",
  owner: "Admin, plus manage admins and owners.",
};

/** Roles `actor` may give or change: owners any role, admins viewer and editor, others none. */
function assignable(actor: Role | undefined): Role[] {
  if (actor === "owner") return kRoles;
  if (actor === "admin") return ["viewer", "editor"];
  return [];
}

function Users() {
  const { user } = useAuth();
  const canManage = hasRole(user?.role, "admin");
  const users = useLoad((signal) => api<unknown>("/api/v1/users", { signal }).then((r) => listOf<User>(r, "users")), []);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState("");
  const roles = assignable(user?.role);

  async function act(what: () => Promise<unknown>, done: string) {
    setError(undefined);
    setNotice("");
    try {
      await what();
      setNotice(done);
      users.reload();
    } catch (e) {
      setError(e);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    await act(() => api("/api/v1/users", { body: { username, password, role } }), `User ${username} added as ${role}.`);
    setUsername("");
    setPassword("");
  }

  const canTouch = (u: User) => canManage && u.username !== user?.username && roles.includes(u.role);
  const columns: Column<User>[] = [
    { key: "username", label: "Username" },
    {
      key: "role",
      label: "Role",
      render: (u) =>
        canTouch(u) ? (
          <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void act(() => api(`/api/v1/users/${encodeURIComponent(u.username)}`, { method: "PATCH", body: { role: e.target.value } }), `${u.username} is now ${e.target.value}.`)}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        ) : (
          u.role
        ),
    },
    ...(canManage
      ? [
          {
            key: "actions",
            label: "Actions",
            render: (u: User) =>
              canTouch(u) ? (
                <button
                  className="danger"
                  onClick={() => {
                    if (window.confirm(`Delete user ${u.username}? Their sessions and tokens stop working.`)) void act(() => api(`/api/v1/users/${encodeURIComponent(u.username)}`, { method: "DELETE" }), `User ${u.username} deleted.`);
                  }}
                >
                  Delete
                </button>
              ) : (
                <span className="muted">{u.username === user?.username ? "you" : "—"}</span>
              ),
          },
        ]
      : []),
  ];

  const forbidden = users.error instanceof ApiError && users.error.status === 403;
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      {!canManage && <p className="muted" data-testid="users-readonly">Read-only: only admins can add, change or delete users.</p>}
      <ErrorNotice error={error} title="The change was refused" />
      {notice && <div className="notice success" role="status">{notice}</div>}
      {forbidden ? (
        <p className="muted">Your role cannot list users.</p>
      ) : users.error ? (
        <ErrorNotice error={users.error} onRetry={users.reload} />
      ) : !users.data ? (
        <Loading what="users" />
      ) : users.data.length ? (
        <ObjectTable rows={users.data} columns={columns} caption="Users" rowKey={(u) => u.username} testId="users-table" />
      ) : (
        <Empty>No users.</Empty>
      )}
      {canManage && (
        <form onSubmit={(e) => void add(e)} className="toolbar" style={{ marginTop: 16 }} aria-label="Add a user" data-testid="add-user">
          <label className="field">
            <span>Username</span>
            <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
          </label>
          <label className="field">
            <span>Initial password</span>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} autoComplete="new-password" />
          </label>
          <label className="field">
            <span>Role</span>
            <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <button className="primary" type="submit">
            Add user
          </button>
        </form>
      )}
    </section>
  );
}

function Tokens() {
  const { user } = useAuth();
  // Every role manages its own tokens (with at most its own role); admins also see others'.
  const canCreate = Boolean(user);
  const tokens = useLoad((signal) => api<unknown>("/api/v1/tokens", { signal }).then((r) => listOf<Token>(r, "tokens")), []);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [expires, setExpires] = useState("");
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>();
  const ownRoles = kRoles.filter((r) => hasRole(user?.role, r));

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setCopied(false);
    try {
      const body: Record<string, string> = { name, role };
      if (expires) body.expires_at = `${expires}T00:00:00Z`;
      const r = await api<{ token: Token; secret: string }>("/api/v1/tokens", { body });
      setSecret({ name, secret: r.secret });
      setName("");
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function revoke(t: Token) {
    if (!window.confirm(`Revoke token ${t.name}? Programs using it will get 401.`)) return;
    setError(undefined);
    try {
      await api(`/api/v1/tokens/${encodeURIComponent(t.id)}`, { method: "DELETE" });
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  }

  const columns: Column<Token>[] = [
    { key: "name", label: "Name" },
    ...(tokens.data?.some((t) => t.username) ? [{ key: "username", label: "Owner" }] : []),
    { key: "role", label: "Role" },
    { key: "created_at", label: "Created", render: (t) => formatTime(t.created_at) },
    { key: "expires_at", label: "Expires", render: (t) => (t.expires_at ? formatTime(t.expires_at) : "never") },
    { key: "last_used_at", label: "Last used", render: (t) => (t.last_used_at ? formatTime(t.last_used_at) : "never") },
    ...(canCreate ? [{ key: "actions", label: "Actions", render: (t: Token) => <button className="danger" onClick={() => void revoke(t)}>Revoke</button> }] : []),
  ];

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">
        Programs send <code>Authorization: Bearer opt_…</code>. A token has at most your role.
      </p>
      <ErrorNotice error={error} title="The token change was refused" />
      {secret && (
        <div className="notice success" role="status">
          <div>
            Token <strong>{secret.name}</strong> created. Copy the secret now: it is shown only once.
          </div>
          <div className="secret" style={{ marginTop: 8 }}>
            <code className="mono" data-testid="token-secret">{secret.secret}</code>
            <button
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(secret.secret)
                  .then(() => setCopied(true))
                  .catch(() => setCopied(false))
              }
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <button onClick={() => setSecret(null)}>Done</button>
          </div>
        </div>
      )}
      {tokens.error ? <ErrorNotice error={tokens.error} onRetry={tokens.reload} /> : !tokens.data ? <Loading what="tokens" /> : tokens.data.length ? <ObjectTable rows={tokens.data} columns={columns} caption="API tokens" rowKey={(t) => t.id} testId="tokens-table" /> : <Empty>No API tokens.{canCreate ? " Create one below for scripts and CI." : ""}</Empty>}
      {canCreate ? (
        <form onSubmit={(e) => void create(e)} className="toolbar" style={{ marginTop: 16 }} aria-label="Create an API token">
          <label className="field">
            <span>Name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} required placeholder="ci-export" />
          </label>
          <label className="field">
            <span>Role</span>
            <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ownRoles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Expires (optional)</span>
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
          <button className="primary" type="submit">
            Create token
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function Settings() {
  return (
    <>
      <h1>Settings</h1>
      <div className="stack">
        <Users />
        <section className="card" aria-labelledby="roles-title">
          <h2 id="roles-title">Roles</h2>
          <ObjectTable
            caption="Roles"
            rows={kRoles.map((r) => ({ role: r, can: kRoleText[r] }))}
            columns={[
              { key: "role", label: "Role" },
              { key: "can", label: "Can" },
            ]}
          />
        </section>
        <Tokens />
      </div>
    </>
  );
}
