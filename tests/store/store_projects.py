"""A project that exercises every field the store writes.

The schema v1 fixture (``fixtures/schema_v1.mixplan.gpkg``) was written from
:func:`rich_project`; a test checks that it still opens equal to it, so change this
project only together with a new fixture.
"""

from __future__ import annotations

from shapely.geometry import Polygon, box

from mixplan.model import (
    Allocation,
    Building,
    GroundCover,
    Level,
    Project,
    Scenario,
    Site,
)

X0, Y0 = 652_000.0, 6_862_000.0  # a business park east of Paris, Lambert-93


def lambert_box(x: float, y: float, w: float, h: float) -> Polygon:
    return box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


def rich_project() -> Project:
    """Basement, set-back storey, multipolygon site, mixed nuisances, holes,
    edited rulebook, three scenarios with descriptions."""
    site = Site(
        lambert_box(0, 0, 300, 200) | lambert_box(310, 0, 40, 60),
        "ZA des Deux-Ruisseaux",
    )
    courtyard_block = Polygon(
        lambert_box(100, 20, 60, 40).exterior.coords,
        [lambert_box(120, 30, 20, 20).exterior.coords],
    )
    shed = Building(
        "B1",
        "Halle Nord",
        lambert_box(10.125, 10.5, 60, 30),
        (
            Level.of(3.2, "parking", load_kn_m2=2.5, access="ramp"),
            Level.of(
                6.5,
                {"craft": 0.7, "office": 0.3},
                load_kn_m2=10.0,
                access="yard",
                nuisance="D",
            ),
            Level(
                4.0,
                (
                    Allocation("industry", 0.5, "A"),
                    Allocation("craft", 0.25, None),
                    Allocation("retail", 0.25, "DC"),
                ),
                load_kn_m2=5.0,
                access="freight_lift",
                polygon=lambert_box(15, 15, 40, 20),
            ),
        ),
        basements=1,
        freight_lift_kg=3000.0,
        ramp=True,
        loading_bays=3,
        parking_spaces=12,
        roof="green",
        shared=True,
    )
    block = Building(
        "B2",
        "Îlot « Cour »",
        courtyard_block,
        (
            Level.of(
                4.5, {"urban_services": 1 / 3, "unassigned": 2 / 3}, nuisance="NC"
            ),
            Level.of(3.0, "housing"),
            Level.of(3.0, "housing"),
        ),
    )
    house = Building(
        "B3", "Pavillon", lambert_box(200, 150, 10, 8), (Level.of(2.8, "housing"),)
    )
    cover = [
        GroundCover("C1", "yard", lambert_box(10, 50, 60, 30)),
        GroundCover(
            "C2",
            "open_soil",
            lambert_box(200, 100, 50, 40) | lambert_box(260, 100, 20, 20),
        ),
        GroundCover("C3", "sealed", lambert_box(310, 0, 40, 60)),
    ]
    baseline = Scenario.of(
        "Existing",
        [shed, block, house],
        cover,
        description="État existant, relevé 2024",
    )
    raised = Building(
        "N1",
        "Hôtel d'activités",
        lambert_box(220, 20, 50, 40),
        tuple(
            Level.of(
                5.0 if i == 0 else 4.5, "craft", load_kn_m2=10.0, access="freight_lift"
            )
            for i in range(4)
        ),
        freight_lift_kg=5000.0,
        loading_bays=4,
    )
    socle = Scenario.of(
        "Socle productif",
        [
            Building(
                "B1", shed.name, shed.footprint, shed.levels, origin="B1", basements=1
            ),
            raised,
        ],
        cover[:2]
        + [GroundCover("C4", "permeable_paving", lambert_box(310, 0, 40, 60))],
        description="Logements sur socles productifs",
    )
    empty = Scenario("Vide", description="")
    project = Project(
        "Parc des Deux-Ruisseaux", "EPSG:2154", site, [baseline, socle, empty]
    )
    project.rulebook.set("assumptions", "sdp_factor", 0.9)
    project.rulebook.set("C15", "max_nuisance_under_housing", "D")
    project.rulebook.set("C09", "per_class", True)
    project.rulebook.set("C20", "m2_per_loading_bay", 800.0)
    # What each scenario keeps and removes (as a version-1 file migrates).
    project.settle()
    return project
