"""Timed drills. ``kind`` defines what a drill kind is (``DrillKind``: engine, typed result
``details``, unit, clock rule, simulated player); each kind lives in its own module
(``tenkey``, ``data_entry``, ``voucher_summing``, ``amount_words_drill``,
``making_change``, ``cash_counting``, ``drawer_balancing``) with helpers for its content
beside it; ``base`` is the run/feed/tick/replay protocol every run follows, ``registry``
lists the kinds and holds the entry points ``start_run``, ``replay`` and
``result_from_dict``. ``docs/ARCHITECTURE.md`` says how to add a kind."""
