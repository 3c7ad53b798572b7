// Ingestion jobs as the Data sources page holds them. A job's state reaches the page by three
// paths that can arrive out of order: the upload/folder response (the job as submitted), the
// live stream's job events, and re-reads of GET /api/v1/jobs. A job only moves forward
// (queued → running → succeeded | failed), so a stale copy never replaces a newer one.

export interface Job {
  id: string | number;
  state: "queued" | "running" | "succeeded" | "failed";
  source?: string;
  files?: unknown[];
  bytes_done?: number;
  bytes_total?: number;
  rows?: number;
  issues?: unknown[];
  error?: string | { message?: string };
  created_at?: string;
  started_at?: string;
  finished_at?: string;
}

function stage(state: Job["state"] | undefined): number {
  if (state === "succeeded" || state === "failed") return 2;
  if (state === "running") return 1;
  return 0;
}

// Job ids restart at 1 when the server restarts: the same id with another creation time is
// another job.
function sameJob(a: Job, b: Job): boolean {
  return String(a.id) === String(b.id) && (!a.created_at || !b.created_at || a.created_at === b.created_at);
}

// The list with `job` added (newest first) or merged into its earlier copy; a copy at an
// earlier stage than the one held is ignored.
export function mergeJob(list: Job[], job: Job): Job[] {
  const i = list.findIndex((j) => String(j.id) === String(job.id));
  if (i < 0) return [job, ...list];
  if (!sameJob(list[i], job)) return [job, ...list.filter((_, k) => k !== i)];
  if (stage(job.state) < stage(list[i].state)) return list;
  const next = list.slice();
  next[i] = { ...list[i], ...job };
  return next;
}

// The list as re-read from the server, keeping any job the page already holds at a later stage,
// and the jobs it holds that are newer than the re-read (submitted while it was in flight);
// older ones the server no longer lists (it restarted) are dropped. Newest (highest id) first.
export function mergeJobList(held: Job[], fetched: Job[]): Job[] {
  const byId = new Map(held.map((j) => [String(j.id), j]));
  const merged = fetched.map((j) => {
    const mine = byId.get(String(j.id));
    return mine && sameJob(mine, j) && stage(mine.state) > stage(j.state) ? mine : j;
  });
  const fetchedIds = new Set(fetched.map((j) => String(j.id)));
  const newest = fetched.reduce<Job | undefined>((n, j) => (!n || Number(j.id) > Number(n.id) ? j : n), undefined);
  const newer = (j: Job) => {
    if (!newest) return true;
    if (j.created_at && newest.created_at) return j.created_at >= newest.created_at && Number(j.id) > Number(newest.id);
    return Number(j.id) > Number(newest.id);
  };
  const onlyHeld = held.filter((j) => !fetchedIds.has(String(j.id)) && newer(j));
  return [...onlyHeld, ...merged].sort((a, b) => Number(b.id) - Number(a.id));
}
