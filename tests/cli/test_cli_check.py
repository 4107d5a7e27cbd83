"""``mixplan check``: exit 0 when no error finding, 1 when there is one."""

from __future__ import annotations

import json
from pathlib import Path

from clitools import call_cli, digest, run_cli

GOOD = ["Socle productif", "Hôtel d'activités"]


def test_check_exit_codes_on_the_demo(demo_file: Path) -> None:
    before = digest(demo_file)
    result = run_cli("check", demo_file, "--scenario", *GOOD, "--json")
    assert result.code == 0, result.err
    assert result.err == ""
    doc = json.loads(result.out)
    assert doc["baseline"] == "Existing"
    names = [s["name"] for s in doc["scenarios"]]
    assert set(GOOD) <= set(names) and "Résidentialisation" not in names
    for scenario in doc["scenarios"]:
        assert not [f for f in scenario["findings"] if f["severity"] == "error"]

    result = call_cli("check", demo_file, "--scenario", "Résidentialisation")
    assert result.code == 1, result.err
    assert "C09" in result.out

    result = call_cli("check", demo_file, "--json")
    assert result.code == 1
    doc = json.loads(result.out)
    assert [s["name"] for s in doc["scenarios"]][-1] == "Résidentialisation"
    failing = doc["scenarios"][-1]
    c09 = [f for f in failing["findings"] if f["rule"] == "C09"]
    assert c09 and c09[0]["severity"] == "error"
    assert c09[0]["measured"] < c09[0]["limit"]
    assert failing["delta"]["far"] > 0
    assert digest(demo_file) == before
