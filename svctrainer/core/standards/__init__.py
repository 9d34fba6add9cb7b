"""Service standards: one method per customer demand level, and a run's compliance."""
