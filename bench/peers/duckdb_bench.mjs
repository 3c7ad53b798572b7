// Loads a FOCUS CSV into DuckDB (in memory) and runs the four benchmark queries.
// Usage: node duckdb_bench.mjs FILE.csv   Prints one JSON object.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const t0 = performance.now();
// Ids stay strings (12-digit account ids would otherwise become integers).
await con.run(`CREATE TABLE focus AS SELECT * FROM read_csv('${file}', header=true,
  types={'BillingAccountId':'VARCHAR','SubAccountId':'VARCHAR','BilledCost':'DECIMAL(38,18)',
         'EffectiveCost':'DECIMAL(38,18)','ChargePeriodStart':'TIMESTAMP'})`);
const loadSeconds = (performance.now() - t0) / 1000;
const queries = {
  by_service: `SELECT ServiceName, sum(BilledCost) c FROM focus GROUP BY 1 ORDER BY 2 DESC`,
  by_day_subaccount: `SELECT date_trunc('day', ChargePeriodStart) d, SubAccountId, sum(BilledCost) c
                      FROM focus GROUP BY 1, 2 ORDER BY 1, 2`,
  top100_resources: `SELECT ResourceId, sum(BilledCost) c FROM focus GROUP BY 1 ORDER BY 2 DESC LIMIT 100`,
  tag_filter_group: `SELECT json_extract_string(Tags, '$.team') team, sum(BilledCost) c FROM focus
                     WHERE json_extract_string(Tags, '$.env') = 'prod' GROUP BY 1 ORDER BY 2 DESC`,
};
const results = {};
for (const [name, sql] of Object.entries(queries)) {
  const times = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const q0 = performance.now();
    const reader = await con.runAndReadAll(sql);
    times.push((performance.now() - q0) / 1000);
    rows = reader.getRows().length;
  }
  times.sort((a, b) => a - b);
  results[name] = { median_s: times[2], rows };
}
console.log(JSON.stringify({ peer: 'duckdb', load_s: loadSeconds, queries: results }));
