"""The constraint engine: indicators and rules over the model (DESIGN §9).

``evaluate(project, scenario_name) -> Evaluation`` is the public entry point;
:class:`Evaluator` keeps per-building results between calls for live use.
"""

from mixplan.engine.evaluator import Evaluator, evaluate
from mixplan.engine.findings import Evaluation, Finding

__all__ = ["Evaluation", "Evaluator", "Finding", "evaluate"]
