"""Playing customer-psychology scenarios (issue 5): the conversation, and its debrief.

- ``scenario_player.ScenarioPlayer``: what the Practice page shows for a scenario run:
  the conversation, saving the run (before anything else), then the debrief;
- ``scenario_screen.ScenarioScreen``: the conversation (portrait, words, numbered
  choices, countdown, live mood meter, feedback in practice mode);
- ``debrief_screen.DebriefScreen``: tier and why, SERVQUAL radar, protocol steps, mood
  trace, the path with the best alternative at each point;
- ``portrait``, ``mood_meter``, ``debrief_charts``, ``choice_button``: their parts;
  ``wording``: every translated name and sentence (reason codes to sentences).

pyqtgraph is imported only inside the chart classes, never when this package loads.
"""
