"""The window's command lines skip building the full parser; they must mean the same."""

import pytest

from svctrainer.cli import PLAIN_GUI, build_parser, plain_gui_args


@pytest.mark.parametrize("argv", PLAIN_GUI)
def test_plain_gui_lines_parse_as_the_full_parser_does(argv):
    shortcut = plain_gui_args(argv)
    assert shortcut is not None
    assert vars(shortcut) == vars(build_parser().parse_args(list(argv)))


@pytest.mark.parametrize(
    "argv", [["gui", "--db", "x.sqlite3"], ["--db", "x.sqlite3"], ["gui", "--help"], ["demo"]]
)
def test_other_lines_go_through_the_parser(argv):
    assert plain_gui_args(argv) is None


@pytest.mark.e2e
@pytest.mark.parametrize("argv", [(), ("gui",), ("gui", "--db", "x.sqlite3")])
def test_no_display_is_a_message_and_exit_3_not_a_qt_abort(cli, monkeypatch, argv):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    result = cli(*argv, timeout=60, fresh=True)  # the start itself: no zygote
    assert result.returncode == 3  # exit_codes.NO_DISPLAY; Qt's abort was -6 (134)
    assert result.stderr.startswith("svctrainer: no display found")
    assert "DISPLAY" in result.stderr
    assert "xcb" not in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
