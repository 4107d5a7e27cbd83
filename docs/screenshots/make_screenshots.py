r"""Screenshots of the editor on the demo project, for the README.

Run under a virtual display::

    xvfb-run -s "-screen 0 1600x1000x24" \
        uv run python docs/screenshots/make_screenshots.py

Writes ``plan.png``, ``massing.png`` and ``plan_fr.png`` beside this script.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("MIXPLAN_SETTINGS_DIR", tempfile.mkdtemp())


def settle(app, seconds: float = 1.5) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from mixplan.store.demo import build_demo
    from mixplan.ui.i18n import install_language
    from mixplan.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    install_language("en")
    demo = build_demo()
    window = MainWindow(project=demo)
    window.resize(1600, 1000)
    window.show()
    settle(app)
    document = window.document
    scenario = demo.scenarios[1].name
    document.set_scenario(scenario)
    # Select the scenario's tallest building so the inspector shows its stack.
    tallest = max(document.scenario.buildings.values(), key=lambda b: len(b.levels))
    document.set_selection([tallest.id])
    window.site_view.zoom_to_site()
    settle(app)
    window.grab().save(str(HERE / "plan.png"))
    window.show_view("massing")
    settle(app)
    window.grab().save(str(HERE / "massing.png"))
    window.show_view("plan")
    window.set_language("fr")
    settle(app)
    window.grab().save(str(HERE / "plan_fr.png"))
    document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
