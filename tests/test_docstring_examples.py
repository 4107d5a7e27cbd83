"""The Examples sections of the public API's docstrings run and hold."""

import doctest
import importlib
import pkgutil

import pytest

import mixplan

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(mixplan.__path__, "mixplan.")
    if not m.name.startswith("mixplan.ui") and m.name != "mixplan.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
