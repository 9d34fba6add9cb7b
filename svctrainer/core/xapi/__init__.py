"""xAPI (ADL Experience API 1.0.3) statements for the learning records a bank's LMS collects.

- ``iso8601``: durations (PT1M5.25S) and timestamps, formatted and parsed.
- ``vocabulary``: ADL verbs and activity types, the export configuration and IRIs.
- ``statements``: statements for every attempt and every scenario choice.
- ``validation``: ``validate_statement`` checks a statement against the spec;
  ``formats``: IRIs, RFC 5646 language tags and UUIDs.
- ``export``: writes statements as one JSON array file.
"""
