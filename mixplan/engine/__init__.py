"""The constraint engine: indicators and rules over the model (DESIGN §9).

``evaluate(project, scenario_name) -> Evaluation`` is the public entry point.
"""

from mixplan.engine.findings import Evaluation, Finding

__all__ = ["Evaluation", "Finding", "evaluate"]


def evaluate(project, scenario_name):  # type: ignore[no-untyped-def]
    """Placeholder replaced by the engine implementation."""
    raise NotImplementedError("the engine is not built yet")
