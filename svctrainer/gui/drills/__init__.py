"""Drill screens: keyboard capture, one view and one result section per drill kind (its
``DrillUI``, ``drill_uis``), the drill screen and the result screen."""
