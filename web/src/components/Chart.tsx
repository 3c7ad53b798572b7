// A time-series chart on ECharts (loaded on first use): stacked area, bar or line series,
// optional forecast band, and a click on a series to drill down.
import { useEffect, useRef, useState } from "react";
import type { EChartsType } from "echarts/core";
import { useTheme } from "../theme";

export interface Series {
  name: string;
  values: (number | null)[];
}

export interface Band {
  name: string;
  lo: (number | null)[];
  hi: (number | null)[];
  mean: (number | null)[];
}

export interface ChartProps {
  categories: string[];
  series: Series[];
  kind: "area" | "bar" | "line";
  stacked?: boolean;
  label: string;
  formatValue: (v: number) => string;
  onSeriesClick?: (name: string) => void;
  band?: Band;
  small?: boolean;
}

const kPalette = ["#3b7ddd", "#e8833a", "#2ca58d", "#d1495b", "#8e6cc9", "#c9a227", "#4aa3c8", "#a0522d", "#6c8e3a", "#d66bb0", "#7f8c9a"];

/** Renders the chart; its accessible name is `label` and a text summary follows for screen readers. */
export function Chart(props: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState("");
  const { theme } = useTheme();
  const clickRef = useRef(props.onSeriesClick);
  clickRef.current = props.onSeriesClick;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import("./echartsSetup")
      .then(({ default: echarts }) => {
        if (disposed || !el.current) return;
        chart.current = echarts.init(el.current, undefined, { renderer: "canvas" });
        chart.current.on("click", (p: { seriesName?: string }) => {
          if (p.seriesName && clickRef.current && !p.seriesName.startsWith("Forecast")) clickRef.current(p.seriesName);
        });
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(el.current);
        setReady(true);
      })
      .catch(() => setLoadError("The chart library could not be loaded; reload the page."));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready || !chart.current || !el.current) return;
    const css = getComputedStyle(el.current);
    const text = css.getPropertyValue("--text").trim() || "#1a1f29";
    const muted = css.getPropertyValue("--muted").trim() || "#4a5565";
    const border = css.getPropertyValue("--border").trim() || "#c9d0da";
    const surface = css.getPropertyValue("--surface").trim() || "#fff";
    const stacked = props.stacked ?? true;
    const series: Record<string, unknown>[] = props.series.map((s, i) => ({
      name: s.name,
      type: props.kind === "bar" ? "bar" : "line",
      stack: stacked ? "total" : undefined,
      areaStyle: props.kind === "area" ? { opacity: 0.75 } : undefined,
      showSymbol: props.categories.length <= 40,
      triggerLineEvent: true,
      emphasis: { focus: "series" },
      color: s.name === "(others)" ? "#8a94a3" : kPalette[i % kPalette.length],
      data: s.values,
      barMaxWidth: 48,
    }));
    if (props.band) {
      const b = props.band;
      series.push(
        { name: "Forecast low", type: "line", data: b.lo, lineStyle: { opacity: 0 }, stack: "band", symbol: "none", color: "#8a94a3" },
        {
          name: "Forecast 80% band",
          type: "line",
          data: b.hi.map((h, i) => (h === null || b.lo[i] === null ? null : h - (b.lo[i] as number))),
          lineStyle: { opacity: 0 },
          areaStyle: { opacity: 0.25 },
          stack: "band",
          symbol: "none",
          color: "#8a94a3",
        },
        { name: "Forecast", type: "line", data: b.mean, lineStyle: { type: "dashed" }, symbol: "none", color: muted },
      );
    }
    chart.current.setOption(
      {
        backgroundColor: "transparent",
        textStyle: { color: text, fontFamily: "system-ui, sans-serif" },
        grid: { left: 8, right: 16, top: 16, bottom: props.series.length > 1 ? 64 : 28, containLabel: true },
        tooltip: {
          trigger: "axis",
          confine: true,
          backgroundColor: surface,
          borderColor: border,
          textStyle: { color: text },
          valueFormatter: (v: unknown) => (typeof v === "number" ? props.formatValue(v) : "—"),
        },
        legend: props.series.length > 1 ? { type: "scroll", bottom: 0, textStyle: { color: text }, pageTextStyle: { color: text } } : undefined,
        xAxis: { type: "category", data: props.categories, boundaryGap: props.kind === "bar", axisLabel: { color: muted }, axisLine: { lineStyle: { color: border } } },
        yAxis: {
          type: "value",
          axisLabel: { color: muted, formatter: (v: number) => props.formatValue(v) },
          splitLine: { lineStyle: { color: border, opacity: 0.6 } },
        },
        series,
      },
      { notMerge: true },
    );
  }, [ready, props.categories, props.series, props.kind, props.stacked, props.band, props.formatValue, theme]);

  if (loadError) return <div className="notice error" role="alert">{loadError}</div>;
  return (
    <div
      ref={el}
      className={props.small ? "chart chart-sm" : "chart"}
      role="img"
      aria-label={`${props.label}: ${props.series.length} series over ${props.categories.length} periods${props.onSeriesClick ? "; use the table to drill down with the keyboard" : ""}`}
    />
  );
}
