"""The examples in the comparison modules' docstrings run."""

import doctest

import pytest

from regkg.compare import crosswalk, render, text, topics


@pytest.mark.parametrize("module", [crosswalk, render, text, topics], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
