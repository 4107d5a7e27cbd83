"""Arrays made and freed again and again reuse the heap's memory once it is kept."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mixplan.heap_kept import _mallopt, keep_heap

# A child process of its own (glibc's thresholds are process-wide and rise with
# what a process has freed): 16 arrays of 1 MB made and freed, five times after
# three rounds of warming up; the minor page faults of those five rounds.
_ROUNDS = """
import resource, sys
import numpy as np
from mixplan.heap_kept import keep_heap
if sys.argv[1] == "kept":
    assert keep_heap()
def made_and_freed():
    arrays = [np.ones(1 << 17) for _ in range(16)]
    del arrays
for _ in range(3):
    made_and_freed()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    made_and_freed()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(how: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _ROUNDS, how],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return int(out.stdout.split()[-1])


@pytest.mark.skipif(_mallopt() is None, reason="not glibc's malloc")
def test_freed_arrays_memory_is_reused_instead_of_given_fresh_pages() -> None:
    # 80 MB made in those rounds: 20,480 pages of 4 kB if each came afresh
    default, kept = _faults("default"), _faults("kept")
    assert default > 10_000  # glibc maps each such array afresh, as measured
    assert kept < 500


def test_keeping_is_asked_once_and_says_whether_it_holds() -> None:
    first = keep_heap()
    assert keep_heap() is first
    assert first is (_mallopt() is not None)
