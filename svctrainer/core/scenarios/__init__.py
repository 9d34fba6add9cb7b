"""Customer-psychology scenarios: scored branching conversations (issue 5).

Pure Python (no Qt, no SQL); docs/scenario-format.md is the authoring reference. Bottom-up:
- ``model``: immutable scenario data and its enums (Tier, ProtocolStep, Gate, ...);
  ``mood``: circumplex arithmetic and the portrait expression;
- ``marked`` / ``schema`` / ``scenario_schema`` / ``twine_schema``: YAML and JSON read into
  a tree that knows line:col, then validated into the model; ``loader``: file -> Scenario;
  ``yaml_writer``: Scenario -> YAML;
- ``rules``: one run's state and transitions (mood, SERVQUAL, protocol order, gates, tiers);
  ``search``: every run, exhaustively; ``scoring``: 0-100 with the recovery cap;
  ``engine``: the run the GUI drives, its decision log and exact replay;
- ``analysis``: ``scenario check`` and the debrief's best alternatives;
- ``twee``: Twee 3 parse/write; ``twee_passages``: how scenario parts sit in passages;
  ``twee_import`` / ``twee_export``: Twine story <-> Scenario.
"""
