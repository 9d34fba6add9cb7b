"""Alembic migrations, shipped inside the package and applied at start.

``HEAD_REVISION`` lets start-up decide "nothing to do" without importing Alembic
(~0.3 s); a test keeps it equal to the script directory's real head.
"""

from pathlib import Path

HEAD_REVISION = "0012_progress_tests"
SCRIPT_LOCATION = str(Path(__file__).resolve().parent)

# Every revision this release knows, oldest first. A database at any other revision was
# written by a newer release and is refused rather than guessed at.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003_queue_tickets",
    "0004_attempt_fingerprint",
    "0005_attempt_completion",
    "0006_regions",
    "0007_contest",
    "0008_workstation_branch",
    "0009_progress_summary",
    "0010_contest_options",
    "0011_progress_recent",
    "0012_progress_tests",
)
