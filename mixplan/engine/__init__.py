"""The constraint engine: indicators and rules over the model (DESIGN §9).

``evaluate(project, scenario_name) -> Evaluation`` is the public entry point;
:class:`Evaluator` keeps per-building results between calls for live use.
"""

# numpy 2 imports numpy.ma on the first ``np.unique`` call (~30 ms when no
# bytecode is cached, all of it holding the GIL). Done at import, so that the
# first evaluation does not pay it: in the editor that is the live engine's
# worker, and the window waited for it while a project opened.
import numpy.ma  # noqa: F401

from mixplan.engine.evaluator import Evaluator, evaluate
from mixplan.engine.findings import Evaluation, Finding

__all__ = ["Evaluation", "Evaluator", "Finding", "evaluate"]
