/**
 * One ECharts chart from a ChartSpec (packages/report's option builders, or an option built here):
 * ECharts is loaded on first use, the chart follows its box's width, and it is an image for
 * assistive technology, named by its caption (shown under it).
 */
import type { ChartSpec } from '@scf-risk/report';
import { useEffect, useRef } from 'react';

export function Chart({ spec, testId }: { spec: ChartSpec; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  // Redraw when the chart's content changes, not on every render (callers build a new spec each time).
  const json = JSON.stringify(spec.option);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('./echarts-setup.ts').then(({ echarts }) => {
      if (disposed || !box.current) return;
      const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
      chart.setOption({ tooltip: {}, ...JSON.parse(json), animation: false });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(box.current);
      dispose = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [json]);
  return (
    <figure className="chart" data-testid={testId}>
      <div ref={box} role="img" aria-label={spec.title ?? ''} style={{ width: '100%', height: spec.height ?? 320 }} />
      {spec.title ? <figcaption>{spec.title}</figcaption> : null}
    </figure>
  );
}
