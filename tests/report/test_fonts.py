"""Text set in DejaVu Sans, and the runs of characters it lacks in fallback fonts."""

from __future__ import annotations

from mixplan.report.fonts import BOLD, REGULAR, font_runs


def test_text_dejavu_covers_is_one_run_of_itself() -> None:
    assert font_runs("Halle « Nord » 3\u202f306 m²") == [
        (REGULAR, "Halle « Nord » 3\u202f306 m²")
    ]
    assert font_runs("Atelier", BOLD) == [(BOLD, "Atelier")]
    assert font_runs("") == []


def test_characters_dejavu_lacks_are_runs_of_a_fallback_font() -> None:
    # spaces stay with the text around them; Hangul has its own font
    assert font_runs("Usine 工厂 Nord") == [
        (REGULAR, "Usine "),
        ("STSong-Light", "工厂"),
        (REGULAR, " Nord"),
    ]
    assert font_runs("공장") == [("HYSMyeongJo-Medium", "공장")]
