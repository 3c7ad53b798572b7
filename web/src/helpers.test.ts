// Unit tests of the pure helpers: money formatting, date presets, explorer URL state, job merging.
import { describe, expect, it } from "vitest";
import { formatMoney, formatPercent, signOf } from "./money";
import { presetRange } from "./dates";
import { chartQuery, decodeState, drillDown, encodeState } from "./explorerState";
import { mergeJob, mergeJobList, type Job } from "./jobs";

const today = new Date(Date.UTC(2026, 10, 22, 15, 0, 0));

describe("formatMoney", () => {
  it("rounds the exact decimal string, not a double", () => {
    expect(formatMoney("0.125", "USD")).toBe("$0.13");
    expect(formatMoney("1234567890123456.785", "USD")).toBe("$1,234,567,890,123,456.79");
  });
  it("uses the billing currency and shows missing values as a dash", () => {
    expect(formatMoney("10", "EUR")).toBe("€10.00");
    expect(formatMoney(null, "USD")).toBe("—");
    expect(formatMoney("5.5", undefined)).toBe("5.50");
  });
  it("signs percentages and decimals exactly", () => {
    expect(formatPercent("12.345", true)).toBe("+12.3%");
    expect(signOf("-0.000")).toBe(0);
    expect(signOf("-0.01")).toBe(-1);
  });
});

describe("presetRange", () => {
  it("includes today with an exclusive end", () => {
    expect(presetRange("last7", today)).toEqual({ start: "2026-11-16", end: "2026-11-23" });
    expect(presetRange("lastMonth", today)).toEqual({ start: "2026-10-01", end: "2026-11-01" });
    expect(presetRange("last12Months", today)).toEqual({ start: "2025-12-01", end: "2026-11-23" });
    expect(presetRange("ytd", today)).toEqual({ start: "2026-01-01", end: "2026-11-23" });
  });
});

describe("explorer URL state", () => {
  it("round-trips through the query string", () => {
    const s = drillDown({ ...decodeState("", today), groupBy: "ServiceName" }, "Amazon S3");
    const back = decodeState(encodeState(s), today);
    expect(back).toEqual(s);
    expect(back.groupBy).toBe("SubAccountName");
    expect(back.filters).toEqual([{ dimension: "ServiceName", op: "in", values: ["Amazon S3"] }]);
  });
  it("keeps custom ranges and rejects bad ones", () => {
    expect(decodeState("range=custom&start=2026-01-01&end=2026-02-01", today).start).toBe("2026-01-01");
    expect(decodeState("range=custom&start=2026-02-30&end=2026-03-01", today).range).toBe("last30");
    expect(decodeState("filters=%5B%7B%22dimension%22%3A1%7D%5D", today).filters).toEqual([]);
  });
  it("asks for the top groups with others in each bucket", () => {
    const q = chartQuery(decodeState("group=tag%3Ateam&granularity=month", today));
    expect(q).toMatchObject({ group_by: ["tag:team"], granularity: "month", top_n: 10, others: true });
  });
});

describe("mergeJob", () => {
  const queued: Job = { id: 3, state: "queued", bytes_total: 10 };
  const done: Job = { id: 3, state: "succeeded", rows: 7 };
  it("adds a new job first and merges a later stage into the held copy", () => {
    expect(mergeJob([{ id: 2, state: "succeeded" }], queued).map((j) => j.id)).toEqual([3, 2]);
    expect(mergeJob([queued], done)).toEqual([{ id: 3, state: "succeeded", bytes_total: 10, rows: 7 }]);
  });
  it("ignores the submit response when the live stream already reported the job finished", () => {
    expect(mergeJob([done], queued)).toEqual([done]);
  });
  it("treats the same id with another creation time as another job (the server restarted)", () => {
    const before: Job = { id: 1, state: "succeeded", created_at: "2026-11-22T01:00:00Z" };
    const after: Job = { id: 1, state: "queued", created_at: "2026-11-22T02:00:00Z" };
    expect(mergeJob([before], after)).toEqual([after]);
    expect(mergeJobList([before, { id: 2, state: "running", created_at: "2026-11-22T01:10:00Z" }], [after])).toEqual([after]);
  });
  it("keeps a held later stage over a re-read list and sorts newest first", () => {
    const merged = mergeJobList([done, { id: 4, state: "running" }], [{ id: 1, state: "failed" }, queued]);
    expect(merged.map((j) => [j.id, j.state])).toEqual([[4, "running"], [3, "succeeded"], [1, "failed"]]);
  });
});
