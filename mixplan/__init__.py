"""mixplan: plan the mixed-use redevelopment of business sites."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mixplan")
except PackageNotFoundError:  # a frozen app or a source tree without metadata
    __version__ = "0.1.0"
