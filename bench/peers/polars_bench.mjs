// Loads a FOCUS CSV with Polars and runs the four benchmark queries.
// Usage: node polars_bench.mjs FILE.csv   Prints one JSON object.
import pl from 'nodejs-polars';

const file = process.argv[2];
const t0 = performance.now();
const df = pl.readCSV(file, {
  dtypes: { BillingAccountId: pl.Utf8, SubAccountId: pl.Utf8, ResourceId: pl.Utf8, Tags: pl.Utf8 },
  inferSchemaLength: 10000,
});
const loadSeconds = (performance.now() - t0) / 1000;
const lazy = () => df.lazy();
const queries = {
  by_service: () => lazy().groupBy('ServiceName').agg(pl.col('BilledCost').sum()).collectSync(),
  by_day_subaccount: () => lazy()
    .withColumns(pl.col('ChargePeriodStart').str.slice(0, 10).alias('day'))
    .groupBy(['day', 'SubAccountId']).agg(pl.col('BilledCost').sum()).collectSync(),
  top100_resources: () => lazy().groupBy('ResourceId').agg(pl.col('BilledCost').sum())
    .sort('BilledCost', true).limit(100).collectSync(),
  tag_filter_group: () => lazy()
    .withColumns(pl.col('Tags').str.jsonPathMatch('$.env').alias('env'),
                 pl.col('Tags').str.jsonPathMatch('$.team').alias('team'))
    .filter(pl.col('env').eq(pl.lit('prod')))
    .groupBy('team').agg(pl.col('BilledCost').sum()).collectSync(),
};
const results = {};
for (const [name, run] of Object.entries(queries)) {
  const times = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const q0 = performance.now();
    rows = run().height;
    times.push((performance.now() - q0) / 1000);
  }
  times.sort((a, b) => a - b);
  results[name] = { median_s: times[2], rows };
}
console.log(JSON.stringify({ peer: 'polars', load_s: loadSeconds, queries: results }));
