"""A memory limit for the reading child process on Windows (a job object).

POSIX children get ``RLIMIT_AS`` (:mod:`sandbox`); Windows has no rlimit, but a
process can put itself in a *job object* whose ``ProcessMemoryLimit`` makes
every commit past the limit fail: Python raises :class:`MemoryError`, native code
fails its allocation, and the parent reports one line. Nested jobs (Windows 8
and later) let this work even when the app itself runs inside a job.

Only ``ctypes`` and ``kernel32`` are used, no new dependency. Not run on this
project's Linux CI: the structure layout is checked against the documented
64-bit size there; the call itself runs only on Windows.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

__all__ = ["ExtendedLimitInformation", "limit_own_memory"]

#: ``JOBOBJECTINFOCLASS`` value of ``JOBOBJECT_EXTENDED_LIMIT_INFORMATION``.
_EXTENDED_LIMIT_INFORMATION = 9
_LIMIT_PROCESS_MEMORY = 0x00000100
_DWORD = ctypes.c_uint32

#: Kept for the life of the process: the job must outlive this function.
_jobs: list[Any] = []


class _BasicLimitInformation(ctypes.Structure):
    _fields_ = [  # noqa: RUF012 - ctypes' own declaration
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", _DWORD),
        ("MinimumWorkingSetSize", ctypes.c_size_t),
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", _DWORD),
        ("Affinity", ctypes.c_size_t),
        ("PriorityClass", _DWORD),
        ("SchedulingClass", _DWORD),
    ]


class _IoCounters(ctypes.Structure):
    _fields_ = [  # noqa: RUF012 - ctypes' own declaration
        (name, ctypes.c_uint64)
        for name in (
            "ReadOperationCount",
            "WriteOperationCount",
            "OtherOperationCount",
            "ReadTransferCount",
            "WriteTransferCount",
            "OtherTransferCount",
        )
    ]


class ExtendedLimitInformation(ctypes.Structure):
    """``JOBOBJECT_EXTENDED_LIMIT_INFORMATION`` (144 bytes on 64-bit Windows)."""

    _fields_ = [  # noqa: RUF012 - ctypes' own declaration
        ("BasicLimitInformation", _BasicLimitInformation),
        ("IoInfo", _IoCounters),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


def limit_own_memory(memory_bytes: int) -> bool:
    """Put this process in a job that caps its committed memory; True if done.

    Does nothing (``False``) outside Windows or if the system refuses; the
    parent's time limit still applies then.
    """
    if sys.platform != "win32":
        return False
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.CreateJobObjectW.argtypes = [wintypes.LPVOID, wintypes.LPCWSTR]
    kernel32.SetInformationJobObject.restype = wintypes.BOOL
    kernel32.SetInformationJobObject.argtypes = [
        wintypes.HANDLE,
        ctypes.c_int,
        wintypes.LPVOID,
        wintypes.DWORD,
    ]
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
    kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return False
    info = ExtendedLimitInformation()
    info.BasicLimitInformation.LimitFlags = _LIMIT_PROCESS_MEMORY
    info.ProcessMemoryLimit = memory_bytes
    if not kernel32.SetInformationJobObject(
        job, _EXTENDED_LIMIT_INFORMATION, ctypes.byref(info), ctypes.sizeof(info)
    ):
        return False
    if not kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()):
        return False
    _jobs.append(job)
    return True
