"""Names and CRSs a new project is refused, each with one line and nothing written."""

import pytest

from mixplan.cli import main


@pytest.mark.parametrize(
    "argv, message",
    [
        (["new", "{d}/site.txt"], "must end in .gpkg (e.g. site.mixplan.gpkg)"),
        (["demo", "{d}/demo"], "must end in .gpkg (e.g. demo.mixplan.gpkg)"),
        (["new", "{d}/web.mixplan.gpkg", "--crs", "EPSG:3857"], "distorts areas"),
        (["new", "{d}/ny.mixplan.gpkg", "--crs", "EPSG:2263"], "not metres"),
        (["new", "{d}/geo.mixplan.gpkg", "--crs", "EPSG:4326"], "not projected"),
    ],
)
def test_refused_new_projects(tmp_path, capsys, argv, message):
    code = main([a.format(d=tmp_path) for a in argv])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and message in err
    assert list(tmp_path.iterdir()) == []


def test_utm_project_is_accepted(tmp_path, capsys):
    assert (
        main(["new", str(tmp_path / "lyon.mixplan.gpkg"), "--crs", "EPSG:32631"]) == 0
    )
    assert "EPSG:32631" in capsys.readouterr().out
