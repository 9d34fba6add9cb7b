"""The colour and the name of each finger on the on-screen keypad and in the ten-key
result, one set for the whole house (as typing tutors colour keys by finger)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from svctrainer.core.drills.keypad_fingers import KEYPAD_FINGERS, Finger
from svctrainer.gui.i18n import translate

# Distinct in hue and readable as a band on light and dark keys.
FINGER_COLOURS: dict[Finger, QColor] = {
    Finger.THUMB: QColor(0x8E, 0x7C, 0xC3),  # violet
    Finger.INDEX: QColor(0x3B, 0x82, 0xC4),  # blue
    Finger.MIDDLE: QColor(0x3A, 0xA6, 0x5B),  # green
    Finger.RING: QColor(0xE0, 0x8A, 0x1E),  # orange
    Finger.LITTLE: QColor(0xD0, 0x4E, 0x8A),  # pink
}


def keypad_colours() -> dict[str, QColor]:
    """Every keypad key's finger colour, for ``KeyboardWidget.set_fingers``."""
    return {key: FINGER_COLOURS[finger] for key, finger in KEYPAD_FINGERS.items()}


def finger_name(finger: Finger) -> str:
    return {
        Finger.THUMB: translate("Fingers", "thumb"),
        Finger.INDEX: translate("Fingers", "index finger"),
        Finger.MIDDLE: translate("Fingers", "middle finger"),
        Finger.RING: translate("Fingers", "ring finger"),
        Finger.LITTLE: translate("Fingers", "little finger"),
    }[finger]
