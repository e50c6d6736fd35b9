"""The examples in the docstrings run (those not marked SKIP) and print what they say."""

from __future__ import annotations

import doctest

import pytest

import reykjavik
import reykjavik.distributed


@pytest.mark.parametrize("module", [reykjavik, reykjavik.distributed])
def test_docstring_examples(module):
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = finder.find(module, globs={"reykjavik": reykjavik})
    assert sum(len(t.examples) for t in tests) > 0
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
