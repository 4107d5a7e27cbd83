"""The domain model: pure Python and shapely, no Qt (DESIGN §2–§5)."""

from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.project import (
    BASELINE_NAME,
    COVER_TYPES,
    ROOF_TYPES,
    Allocation,
    Building,
    GroundCover,
    Level,
    Project,
    Scenario,
    Site,
)
from mixplan.model.rulebook import PARAMETERS, Parameter, Rulebook
from mixplan.model.uses import (
    ACCESS_CODES,
    FAMILIES,
    NUISANCE_CLASSES,
    USES,
    Family,
    UseClass,
    use_class,
)

__all__ = [
    "ACCESS_CODES",
    "BASELINE_NAME",
    "COVER_TYPES",
    "FAMILIES",
    "NUISANCE_CLASSES",
    "PARAMETERS",
    "ROOF_TYPES",
    "USES",
    "Allocation",
    "Building",
    "Family",
    "GroundCover",
    "Level",
    "MixplanError",
    "ModelError",
    "Parameter",
    "Project",
    "Rulebook",
    "Scenario",
    "Site",
    "UseClass",
    "use_class",
]
