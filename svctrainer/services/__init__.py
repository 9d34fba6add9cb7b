"""The application API shared by the GUI and the CLI.

Every call takes the acting person and checks their role here, so a rule holds whichever
front end calls it. Calls return plain dataclasses, never ORM objects, so widgets never
lazy-load from a closed session.
"""
