import multiprocessing
import sys

from mixplan.cli import main

if __name__ == "__main__":
    # Readers of untrusted files run in child processes (store/sandbox.py); a
    # frozen app on Windows or macOS spawns them through this entry point.
    multiprocessing.freeze_support()
    sys.exit(main())
