"""Progress analytics for charts, the supervisor dashboard and reports (issue 6).

Pure functions over plain dataclasses: the store aggregates and selects rows in SQL, maps
them to ``series.AttemptPoint`` (or the other input types named in each module), and the
GUI draws what comes back. Every figure is a documented formula with hand-computed tests.

- ``series``: the input point type, metrics, chronological order, ISO weeks.
- ``progress``: baseline, latest level and gain over baseline.
- ``rolling``: trailing rolling median; ``trend``: least-squares slope per week.
- ``downsample``: LTTB that also keeps the extremes, for long chart series.
- ``key_heatmap``: per-key latency and error rate per week.
- ``scenario_progress``: service tiers over time, SERVQUAL radar first vs latest.
- ``dashboard``: stalled / improved-most rankings and team aggregation.
- ``customer_time``: a speed gain as seconds per transaction at the counter (transfer
  factors), spread over the branch's shared queue (``core.queueing`` does the queue).
- ``records``: one attempt with who and what, as the CSV and xAPI exports need it.
"""
