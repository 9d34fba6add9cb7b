"""A branch's ticket queue (叫号): one line feeding several windows, as queueing theory
models it. Pure functions over plain dataclasses; no Qt, no SQL.

- ``multi_server``: one hour with c windows: Erlang B and C, the M/M/c mean wait (exact)
  and the Allen–Cunneen G/G/c approximation, P(wait > t), windows needed for a target.
- ``branch_day``: an arrival profile hour by hour; the customer-minutes a service-time
  cut saves over a day; the what-if grid (windows × service-time cut → waiting time).
- ``ticket_export``: the queue-ticket CSV export format (docs/queue-data-format.md):
  column map, time zone, every bad row as ``file:line:col``.
- ``ticket_hours``: imported tickets → per-hour arrivals, service and waiting times, and
  the queue conditions (profile, service time, variability) they measure.
- ``ticket_simulation``: a seeded simulation of the queue, for demo data and benchmarks.
"""
